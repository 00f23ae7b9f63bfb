import { describe, expect, it } from 'vitest';
import { invoiceNumberPreview, invoiceYearAt, normalizeInvoicePrefix } from './invoice-number';

describe('invoiceNumberPreview', () => {
  it('reads PREFIX-YEAR-six digits', () => {
    expect(invoiceNumberPreview('NF', 2026)).toBe('NF-2026-000123');
    expect(invoiceNumberPreview('ACME2026', 2027)).toBe('ACME2026-2027-000123');
  });

  it('shows the capitals the field keeps', () => {
    expect(normalizeInvoicePrefix('nf 1')).toBe('NF1');
    expect(invoiceNumberPreview('nf', 2026)).toBe('NF-2026-000123');
  });

  it('shows nothing for a prefix the API would refuse', () => {
    expect(invoiceNumberPreview('', 2026)).toBeNull();
    expect(invoiceNumberPreview('ABCDEFGHIJKLM', 2026)).toBeNull();
    expect(invoiceNumberPreview('N-F', 2026)).toBeNull();
    expect(invoiceNumberPreview('NÖ', 2026)).toBeNull();
  });
});

describe('invoiceYearAt', () => {
  it('counts the year in the organization’s zone', () => {
    const newYearsEveUtc = new Date('2026-12-31T23:30:00Z');
    expect(invoiceYearAt(newYearsEveUtc, 'UTC')).toBe(2026);
    expect(invoiceYearAt(newYearsEveUtc, 'Europe/Berlin')).toBe(2027);
    expect(invoiceYearAt(new Date('2027-01-01T03:00:00Z'), 'America/New_York')).toBe(2026);
  });

  it('falls back to UTC for a zone the browser does not know', () => {
    expect(invoiceYearAt(new Date('2026-12-31T23:30:00Z'), 'Mars/Olympus_Mons')).toBe(2026);
  });
});
