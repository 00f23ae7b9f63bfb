/** What the API accepts as a prefix: 1-12 capital letters or digits. */
const PREFIX_PATTERN = /^[A-Z0-9]{1,12}$/;

/** An example sequence number, six digits as the API pads them. */
const SAMPLE_SEQUENCE = 123;

export function isInvoicePrefix(prefix: string): boolean {
  return PREFIX_PATTERN.test(prefix);
}

/** What the prefix field keeps of a keystroke: capitals, so "nf" becomes "NF" as it is typed. */
export function normalizeInvoicePrefix(typed: string): string {
  return typed.toUpperCase().replace(/\s+/g, '');
}

/**
 * An invoice number as invoices will print it ("NF-2026-000123"), or null while the prefix is not
 * one the API would take (the preview would promise a number no invoice gets).
 */
export function invoiceNumberPreview(prefix: string, year: number): string | null {
  const normalized = normalizeInvoicePrefix(prefix.trim());
  if (!isInvoicePrefix(normalized)) return null;
  return `${normalized}-${year}-${String(SAMPLE_SEQUENCE).padStart(6, '0')}`;
}

/**
 * The year an invoice paid at `now` carries: the business year is counted in the organization's zone,
 * so a payment at 00:30 on New Year's Day in Berlin is already next year's.
 */
export function invoiceYearAt(now: Date, timeZone: string): number {
  try {
    return Number(new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric' }).format(now));
  } catch {
    // A zone this browser does not know: UTC, as the API counts until one is saved.
    return now.getUTCFullYear();
  }
}
