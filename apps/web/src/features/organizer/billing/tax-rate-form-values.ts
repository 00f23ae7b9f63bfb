import type { CreateTaxRateBody, TaxRate, UpdateTaxRateBody } from '@zevents/contracts';
import { i18n } from '../../../i18n/i18n';
import { basisPointsToPercentText, percentError, percentToBasisPoints } from './tax-rate-percent';

/** How a rate applies: included in the price (VAT) or added on top of it (sales tax). */
export type TaxMode = 'included' | 'added';

export interface TaxRateFormValues {
  name: string;
  /** As typed ("7.25"): converted to basis points only when sent, so nothing drifts on the way. */
  percent: string;
  mode: TaxMode;
}

// Getters, not strings: each read translates into the language chosen at that moment.
export const TAX_MODE_LABELS: Record<TaxMode, string> = {
  get included() {
    return i18n.t('web.org.settings.billing.rates.included');
  },
  get added() {
    return i18n.t('web.org.settings.billing.rates.added');
  },
};

export const TAX_MODE_EXPLANATIONS: Record<TaxMode, string> = {
  get included() {
    return i18n.t('web.org.settings.billing.rates.includedExplanation');
  },
  get added() {
    return i18n.t('web.org.settings.billing.rates.addedExplanation');
  },
};

export const modeOf = (inclusive: boolean): TaxMode => (inclusive ? 'included' : 'added');

export const isTaxMode = (value: string): value is TaxMode => value === 'included' || value === 'added';

export function taxRateInitialValues(rate: TaxRate | undefined): TaxRateFormValues {
  return {
    name: rate?.name ?? '',
    percent: rate ? basisPointsToPercentText(rate.rateBasisPoints) : '',
    mode: rate ? modeOf(rate.inclusive) : 'included',
  };
}

const NAME_MAX = 100;

/** What the API would refuse, said before the request. */
export function validateTaxRate(values: TaxRateFormValues): Partial<Record<keyof TaxRateFormValues, string>> {
  const name = values.name.trim();
  const errors: Partial<Record<keyof TaxRateFormValues, string>> = {};
  if (name === '') errors.name = i18n.t('web.org.settings.billing.rates.nameRequired');
  else if (name.length > NAME_MAX)
    errors.name = i18n.t('web.org.settings.billing.rates.nameMax', { max: NAME_MAX });
  const percent = percentError(values.percent);
  if (percent) errors.percent = percent;
  return errors;
}

function basisPointsOf(values: TaxRateFormValues): number {
  const parsed = percentToBasisPoints(values.percent);
  // The form's validation ran first: an unreadable rate never reaches here.
  if (!parsed.ok) throw new Error(`unreadable rate "${values.percent}"`);
  return parsed.basisPoints;
}

export function taxRateCreateBody(values: TaxRateFormValues): CreateTaxRateBody {
  return {
    name: values.name.trim(),
    rateBasisPoints: basisPointsOf(values),
    inclusive: values.mode === 'included',
  };
}

/** Only what differs from the saved rate, so renaming a rate in use never touches its money. */
export function taxRateUpdateBody(rate: TaxRate, values: TaxRateFormValues): UpdateTaxRateBody {
  const name = values.name.trim();
  const basisPoints = basisPointsOf(values);
  const inclusive = values.mode === 'included';
  return {
    ...(name !== rate.name ? { name } : {}),
    ...(basisPoints !== rate.rateBasisPoints ? { rateBasisPoints: basisPoints } : {}),
    ...(inclusive !== rate.inclusive ? { inclusive } : {}),
  };
}
