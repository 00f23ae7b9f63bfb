import type { AnalyticsSummaryFrequency, AnalyticsSummarySettings } from '@zevents/contracts';

export const FREQUENCY_LABELS: Record<AnalyticsSummaryFrequency, string> = {
  off: 'Off',
  daily: 'Daily',
  weekly: 'Weekly',
};

const FREQUENCIES = Object.keys(FREQUENCY_LABELS) as AnalyticsSummaryFrequency[];

export function parseFrequency(value: string): AnalyticsSummaryFrequency | undefined {
  return FREQUENCIES.find((frequency) => frequency === value);
}

/**
 * The zone the picker starts at. The API answers UTC for a member who never chose one, and a summary
 * at 07:00 UTC is the middle of the night for most: the browser's own zone is offered instead, saved
 * only when the member presses Save.
 */
export function initialSummaryZone(settings: AnalyticsSummarySettings, browserZone: string): string {
  return settings.timezone === 'UTC' ? browserZone : settings.timezone;
}

/** "Send me one now" sends the period the member reads: yesterday for daily, else last week. */
export function periodToSendNow(frequency: AnalyticsSummaryFrequency): 'daily' | 'weekly' {
  return frequency === 'daily' ? 'daily' : 'weekly';
}
