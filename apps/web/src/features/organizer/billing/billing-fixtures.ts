import type { BillingProfile, TaxRate } from '@zevents/contracts';

/** An active rate no order used yet, unless told otherwise. */
export const taxRateFixture = (overrides: Partial<TaxRate> = {}): TaxRate => ({
  id: 'rate-1',
  organizationId: 'org-1',
  name: 'VAT 19%',
  rateBasisPoints: 1900,
  inclusive: true,
  retiredAt: null,
  inUse: false,
  createdAt: '2030-01-01T10:00:00Z',
  updatedAt: '2030-01-01T10:00:00Z',
  ...overrides,
});

/** A profile nobody saved yet: every field empty. */
export const emptyBillingProfile = (): BillingProfile => ({
  organizationId: 'org-1',
  configured: false,
  legalName: null,
  address: null,
  taxId: null,
  invoicePrefix: null,
  footer: null,
  timezone: 'UTC',
  updatedAt: null,
});
