import { BillingProfileBody, type BillingProfile } from '@zevents/contracts';
import { schemaValidator } from '../../../components/ui/schema-validation';
import { i18n } from '../../../i18n/i18n';

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
        ? i18n.t('web.org.settings.billing.profile.legalNameRequired')
        : i18n.t('web.org.settings.billing.profile.max200'),
    address: (_issue, values) =>
      values.address.trim() === ''
        ? i18n.t('web.org.settings.billing.profile.addressRequired')
        : i18n.t('web.org.settings.billing.profile.max1000'),
    taxId: () => i18n.t('web.org.settings.billing.profile.max50'),
    invoicePrefix: () => i18n.t('web.org.settings.billing.profile.prefixInvalid'),
    footer: () => i18n.t('web.org.settings.billing.profile.max1000'),
    timezone: () => i18n.t('web.org.settings.billing.profile.timezoneRequired'),
  },
});

/**
 * The API's field names are the form's; these words rewrite its messages. Getters, so each read is
 * in the language chosen at that moment.
 */
export const BILLING_PROFILE_ERROR_LABELS = {
  get legalName() {
    return i18n.t('web.org.settings.billing.profile.errLegalName');
  },
  get address() {
    return i18n.t('web.org.settings.billing.profile.errAddress');
  },
  get taxId() {
    return i18n.t('web.org.settings.billing.profile.errTaxId');
  },
  get invoicePrefix() {
    return i18n.t('web.org.settings.billing.profile.errPrefix');
  },
  get footer() {
    return i18n.t('web.org.settings.billing.profile.errFooter');
  },
  get timezone() {
    return i18n.t('web.org.settings.billing.profile.errTimezone');
  },
};
