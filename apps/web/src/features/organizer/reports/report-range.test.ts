import { describe, expect, it } from 'vitest';
import { rangeFromSearch, rangeToSearch, reportPath } from './report-range';

describe('the report range in the address', () => {
  it('keeps well-formed dates and event ids only, and round-trips', () => {
    const id = '3f2b8c1e-1111-4222-8333-444455556666';
    const range = rangeFromSearch(new URLSearchParams(`from=2026-03-01&to=March&event=${id}`));
    expect(range).toEqual({ from: '2026-03-01', eventId: id });
    expect(rangeFromSearch(rangeToSearch(range))).toEqual(range);
  });

  it("names the organization's report, or the event's, as JSON or CSV", () => {
    expect(reportPath('org', { from: '2026-03-01', to: '2026-03-31' }, 'json')).toBe(
      '/api/organizations/org/reports/financial?from=2026-03-01&to=2026-03-31',
    );
    expect(reportPath('org', { eventId: 'ev' }, 'csv')).toBe('/api/events/ev/reports/financial.csv');
  });
});
