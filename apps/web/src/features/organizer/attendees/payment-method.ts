import type { TFunction } from 'i18next';

/** How an order was paid: the API's value for the organizer's methods and bank transfer, `card` for a checkout. */
export type PaymentMethodName = 'card' | 'cash' | 'comp' | 'bank_transfer';

const LABEL_KEYS: Record<PaymentMethodName, string> = {
  card: 'web.org.core.paymentMethods.card',
  cash: 'web.org.core.paymentMethods.cash',
  comp: 'web.org.core.paymentMethods.comp',
  bank_transfer: 'web.org.core.paymentMethods.bank_transfer',
};

/** "Cash", "Complimentary": the API's value ("comp", "bank_transfer") as readers say it. */
export function paymentMethodLabel(method: PaymentMethodName, t: TFunction): string {
  return t(LABEL_KEYS[method]);
}
