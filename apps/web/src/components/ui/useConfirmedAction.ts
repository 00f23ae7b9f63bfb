import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { describeApiError } from './useFormErrorResponseHandler';

export interface ActionCallbacks {
  onSuccess: () => void;
  onError: (cause: unknown) => void;
}

/**
 * A destructive action asked about first (with a ConfirmDialog): which item is being confirmed, the
 * error to show inside the dialog if it fails, and `confirm`, which runs it and says so when done.
 */
export function useConfirmedAction<T>(
  run: (item: T, callbacks: ActionCallbacks) => void,
  successMessage: (item: T) => string,
) {
  const [target, setTarget] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    setTarget(null);
    setError(null);
  };

  const confirm = () => {
    if (target === null) return;
    run(target, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: successMessage(target) });
        close();
      },
      onError: (cause) => setError(describeApiError(cause)),
    });
  };

  return { target, ask: setTarget, close, confirm, error };
}
