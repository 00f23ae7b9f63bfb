import { randomUUID } from 'node:crypto';
import { AppError } from '../../http/errors';
import type { PaymentProvider, StartPaymentResult } from './payment-provider';

export const TEST_CARDS = { success: '4242424242424242', declined: '4000000000000002' } as const;

/**
 * The built-in provider for development and tests: it charges synchronously and never leaves the
 * process. 4242 4242 4242 4242 pays; 4000 0000 0000 0002 (or any other number) is declined.
 */
export function createTestProvider(): PaymentProvider {
  return {
    name: 'test',
    isSynchronous: true,
    browserConfig: {
      provider: 'test',
      testCards: { pays: TEST_CARDS.success, declined: TEST_CARDS.declined },
    },
    async startPayment(request): Promise<StartPaymentResult> {
      if (!request.card)
        throw new AppError('VALIDATION_FAILED', 'The test provider needs a card number', {
          errors: [{ path: 'card', message: `use ${TEST_CARDS.success} to pay` }],
        });
      const card = request.card.replace(/[\s-]/g, '');
      const providerRef = `test_ch_${randomUUID()}`;
      if (card === TEST_CARDS.success) return { status: 'succeeded', providerRef };
      return {
        status: 'declined',
        providerRef,
        reason: card === TEST_CARDS.declined ? 'card_declined' : 'unknown_test_card',
      };
    },
    async refund(request) {
      return { providerRef: `test_re_${request.idempotencyKey}` };
    },
    parseWebhook() {
      throw new AppError('NOT_FOUND', 'The test provider sends no webhooks');
    },
  };
}
