import type { WaitingRoomSettings } from '@zevents/contracts';

/**
 * When an event's sales open: the earliest `salesStartAt` of its ticket types. A type without a start
 * is on sale already, and an event without types has nothing to wait for: both answer null (open now).
 */
export function salesOpenAtOf(types: ReadonlyArray<{ salesStartAt: Date | null }>): Date | null {
  if (types.length === 0 || types.some((type) => type.salesStartAt === null)) return null;
  return new Date(Math.min(...types.map((type) => type.salesStartAt?.getTime() ?? 0)));
}

/** When visitors may start joining the queue: `opensMinutesBefore` the sales open (null: open now). */
export function waitingRoomOpensAt(settings: WaitingRoomSettings, salesOpenAt: Date | null): Date | null {
  return salesOpenAt ? new Date(salesOpenAt.getTime() - settings.opensMinutesBefore * 60_000) : null;
}
