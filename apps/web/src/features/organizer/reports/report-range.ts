/** The report's range as the address holds it: `?from=2026-03-01&to=2026-03-31&event=<id>`. */
export interface ReportRange {
  from?: string;
  to?: string;
  eventId?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[0-9a-f-]{36}$/i;

/** What the address says, keeping only well-formed values (the API picks defaults for the rest). */
export function rangeFromSearch(search: URLSearchParams): ReportRange {
  const from = search.get('from') ?? '';
  const to = search.get('to') ?? '';
  const eventId = search.get('event') ?? '';
  return {
    ...(DATE.test(from) ? { from } : {}),
    ...(DATE.test(to) ? { to } : {}),
    ...(ID.test(eventId) ? { eventId } : {}),
  };
}

export function rangeToSearch(range: ReportRange): URLSearchParams {
  const search = new URLSearchParams();
  if (range.from) search.set('from', range.from);
  if (range.to) search.set('to', range.to);
  if (range.eventId) search.set('event', range.eventId);
  return search;
}

/** The API path of the report (JSON or CSV): an event's when one is chosen, else the organization's. */
export function reportPath(organizationId: string, range: ReportRange, format: 'json' | 'csv'): string {
  const base = range.eventId
    ? `/api/events/${encodeURIComponent(range.eventId)}/reports/financial`
    : `/api/organizations/${encodeURIComponent(organizationId)}/reports/financial`;
  const query = new URLSearchParams();
  if (range.from) query.set('from', range.from);
  if (range.to) query.set('to', range.to);
  const text = query.toString();
  return `${base}${format === 'csv' ? '.csv' : ''}${text ? `?${text}` : ''}`;
}
