import type { AnalyticsSummaryFrequency, AnalyticsSummarySettings } from '@zevents/contracts';

/** Each frequency's name in the picker (catalog keys). */
export const FREQUENCY_LABEL_KEYS = {
  off: 'web.org.insight.organization.summary.frequency.off',
  daily: 'web.org.insight.organization.summary.frequency.daily',
  weekly: 'web.org.insight.organization.summary.frequency.weekly',
} as const satisfies Record<AnalyticsSummaryFrequency, string>;

/** "Saved: daily.", once the chosen frequency is saved (catalog keys: a whole sentence per frequency). */
export const SAVED_LABEL_KEYS = {
  off: 'web.org.insight.organization.summary.saved.off',
  daily: 'web.org.insight.organization.summary.saved.daily',
  weekly: 'web.org.insight.organization.summary.saved.weekly',
} as const satisfies Record<AnalyticsSummaryFrequency, string>;

const FREQUENCIES = Object.keys(FREQUENCY_LABEL_KEYS) as AnalyticsSummaryFrequency[];

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
