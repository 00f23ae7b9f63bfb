import type { Config } from '../../config';
import type { PaymentProvider } from './payment-provider';
import { createStripeProvider } from './stripe-provider';
import { createTestProvider } from './test-provider';

/** The provider PAYMENT_PROVIDER names; the API and the workers (which refund) build the same one. */
export function createConfiguredProvider(config: Config['payments']): PaymentProvider {
  return config.provider === 'stripe' ? createStripeProvider(config) : createTestProvider();
}
