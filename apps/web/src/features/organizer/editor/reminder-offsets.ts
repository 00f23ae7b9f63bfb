export type OffsetUnit = 'minutes' | 'hours' | 'days';

export const UNIT_MINUTES: Record<OffsetUnit, number> = { minutes: 1, hours: 60, days: 1440 };

/** 1440 -> "1 day before", 90 -> "1 hour 30 minutes before". */
export function describeOffset(offsetMinutes: number): string {
  const days = Math.floor(offsetMinutes / 1440);
  const hours = Math.floor((offsetMinutes % 1440) / 60);
  const minutes = offsetMinutes % 60;
  const parts: string[] = [];
  if (days) parts.push(`${days} day${days === 1 ? '' : 's'}`);
  if (hours) parts.push(`${hours} hour${hours === 1 ? '' : 's'}`);
  if (minutes) parts.push(`${minutes} minute${minutes === 1 ? '' : 's'}`);
  return `${parts.join(' ')} before`;
}
