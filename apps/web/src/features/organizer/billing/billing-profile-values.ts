import { BillingProfileBody, type BillingProfile } from '@zevents/contracts';
import { schemaValidator } from '../../../components/ui/schema-validation';

export interface BillingProfileValues {
  legalName: string;
  address: string;
  taxId: string;
  invoicePrefix: string;
  footer: string;
  timezone: string;
}

/**
 * The form's values. An unsaved profile reads UTC, which counts the year wrong for most organizers
 * around New Year: the browser's own zone is offered instead, saved only with the profile.
 */
export function billingProfileInitialValues(
  profile: BillingProfile,
  browserZone: string,
): BillingProfileValues {
  return {
    legalName: profile.legalName ?? '',
    address: profile.address ?? '',
    taxId: profile.taxId ?? '',
    invoicePrefix: profile.invoicePrefix ?? '',
    footer: profile.footer ?? '',
    timezone: profile.configured ? profile.timezone : browserZone,
  };
}

/** The PUT body: trimmed, and an empty optional field is "none" (null), not an empty string. */
export function billingProfileBody(values: BillingProfileValues): BillingProfileBody {
  const taxId = values.taxId.trim();
  const footer = values.footer.trim();
  return {
    legalName: values.legalName.trim(),
    address: values.address.trim(),
    taxId: taxId === '' ? null : taxId,
    invoicePrefix: values.invoicePrefix.trim(),
    footer: footer === '' ? null : footer,
    timezone: values.timezone,
  };
}

/** The API's own check of the profile, said the way a person reads it. */
export const validateBillingProfile = schemaValidator<BillingProfileValues>(BillingProfileBody, {
  toBody: billingProfileBody,
  messages: {
    legalName: (_issue, values) =>
      values.legalName.trim() === ''
        ? 'Enter the name you trade under, as registered'
        : 'At most 200 characters',
    address: (_issue, values) =>
      values.address.trim() === '' ? 'Enter the address invoices show' : 'At most 1,000 characters',
    taxId: 'At most 50 characters',
    invoicePrefix: '1 to 12 capital letters or digits, e.g. NF',
    footer: 'At most 1,000 characters',
    timezone: 'Pick the time zone your business year is counted in',
  },
});

/** The API's field names are the form's; these words rewrite its messages. */
export const BILLING_PROFILE_ERROR_LABELS = {
  legalName: 'the legal name',
  address: 'the address',
  taxId: 'the tax id',
  invoicePrefix: 'the invoice prefix',
  footer: 'the footer',
  timezone: 'the time zone',
};
