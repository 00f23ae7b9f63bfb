import { describe, expect, it } from 'vitest';
import { initialSummaryZone, parseFrequency, periodToSendNow } from './summary-email';

const settings = (timezone: string) => ({
  frequency: 'weekly' as const,
  timezone,
  nextSendAt: null,
  lastSentPeriodStart: null,
});

describe('the summary email form', () => {
  it("starts at the member's saved zone, or the browser's in place of the API's UTC default", () => {
    expect(initialSummaryZone(settings('America/Chicago'), 'Europe/Paris')).toBe('America/Chicago');
    expect(initialSummaryZone(settings('UTC'), 'Europe/Paris')).toBe('Europe/Paris');
  });

  it('reads only the frequencies the API knows', () => {
    expect(parseFrequency('daily')).toBe('daily');
    expect(parseFrequency('monthly')).toBeUndefined();
  });

  it('sends yesterday for a daily reader and last week otherwise', () => {
    expect(periodToSendNow('daily')).toBe('daily');
    expect(periodToSendNow('weekly')).toBe('weekly');
    expect(periodToSendNow('off')).toBe('weekly');
  });
});
