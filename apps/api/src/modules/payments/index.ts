// The payments module: charges orders through a provider (test or Stripe), applies the provider's
// webhooks exactly once, and refunds.
// Owns tables: payments, refunds, payment_events.
export { createConfiguredProvider } from './configured-provider';
export type { PaymentEvent, PaymentProvider } from './payment-provider';
export { BANK_TRANSFER_PROVIDER, recordBankTransferPayment } from './bank-transfer-payments';
export { listMoneyOfOrder, type PaymentRow } from './payments.repository';
export { registerPaymentsRoutes } from './payments.routes';
export {
  createPaymentService,
  type FulfilOutcome,
  type PaymentService,
  type RefundInput,
} from './payments.service';
export { createStripeProvider } from './stripe-provider';
export { createTestProvider } from './test-provider';
