import { Alert, Code, Stack, Text } from '@mantine/core';
import { IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import type { WebhookDelivery } from '@zevents/contracts';
import { describeApiError } from '../../../components/ui/useFormErrorResponseHandler';
import { outcomeLine } from './delivery-outcome';

/** How the last test event went: the answer's status code and time, or what went wrong. */
export function TestEventOutcome({
  delivery,
  error,
  onClose,
}: {
  delivery: WebhookDelivery | null;
  error: unknown;
  onClose: () => void;
}) {
  if (error)
    return (
      <Alert color="red" icon={<IconCircleX size={18} />} title="Could not send the test event" role="alert">
        {describeApiError(error)}
      </Alert>
    );
  if (!delivery) return null;
  const isSuccess = delivery.status === 'succeeded';
  return (
    <Alert
      color={isSuccess ? 'teal' : 'red'}
      icon={isSuccess ? <IconCircleCheck size={18} /> : <IconCircleX size={18} />}
      title={`Test event ${isSuccess ? 'succeeded' : 'failed'}`}
      withCloseButton
      closeButtonLabel="Hide the test result"
      onClose={onClose}
      role="status"
    >
      <Stack gap={6}>
        <Text size="sm">{outcomeLine(delivery)}</Text>
        {delivery.responseBody && (
          <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', maxHeight: 160 }}>
            {delivery.responseBody}
          </Code>
        )}
        {!isSuccess && (
          <Text size="xs">
            Any 2xx answer counts as received; redirects are not followed. The receiver must answer within 10
            seconds.
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
