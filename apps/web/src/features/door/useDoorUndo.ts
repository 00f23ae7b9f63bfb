import { useCallback, useEffect, useState } from 'react';
import { useUndoCheckIn } from '../organizer/mutations/useUndoCheckIn';
import { undoFailureResult, undoneResult, type DoorResult } from './door-result';

/**
 * How long staff are offered Undo after their scan: the server allows 60 s from the scan itself, so
 * the button goes a little earlier rather than offer an undo that the server would refuse.
 */
export const STAFF_UNDO_OFFER_MS = 55_000;

/**
 * The Undo offered right after a successful scan. Owners and admins keep it until the next scan;
 * staff for about a minute (the server decides: staff may undo only their own scan, within 60 s).
 */
export function useDoorUndo(
  eventId: string,
  {
    canUndoAnyTime,
    timeZone,
    onResult,
  }: {
    canUndoAnyTime: boolean;
    timeZone: string;
    onResult: (result: DoorResult) => void;
  },
) {
  const mutation = useUndoCheckIn(eventId);
  const [offered, setOffered] = useState<DoorResult | null>(null);

  /** Call with each new result: only a successful check-in is offered for undoing. Stable. */
  const offer = useCallback((result: DoorResult | null) => {
    setOffered(result?.tone === 'success' && result.ticketId ? result : null);
  }, []);

  useEffect(() => {
    if (!offered || canUndoAnyTime) return;
    const timer = setTimeout(() => setOffered(null), STAFF_UNDO_OFFER_MS);
    return () => clearTimeout(timer);
  }, [offered, canUndoAnyTime]);

  return {
    /** The scan whose check-in can be undone now, if any. */
    offered,
    isPending: mutation.isPending,
    offer,
    undo() {
      const scan = offered;
      if (!scan?.ticketId) return;
      mutation.mutate(scan.ticketId, {
        onSuccess: () => onResult(undoneResult(scan)),
        onError: (error) => onResult(undoFailureResult(error, timeZone, scan)),
        // A scan made while the undo was on its way keeps its own offer.
        onSettled: () => setOffered((current) => (current === scan ? null : current)),
      });
    },
  };
}
