import { PaymentConfig } from '@zevents/contracts';
import { z } from 'zod';
import { notFound } from '../../http/errors';
import type { ApiRouter } from '../../http/route';
import type { PaymentProvider } from './payment-provider';
import type { PaymentService } from './payments.service';

export function registerPaymentsRoutes(
  api: ApiRouter,
  deps: { provider: PaymentProvider; payments: PaymentService },
): void {
  api.add(
    {
      method: 'get',
      path: '/api/public/payment-config',
      summary: 'How the checkout page takes payments: the test card form or Stripe Elements',
      tags: ['Checkout'],
      access: 'public',
      status: 200,
      response: PaymentConfig,
    },
    async () => deps.provider.browserConfig,
  );

  api.add(
    {
      method: 'post',
      path: '/api/payments/webhooks/{provider}',
      summary: "Payment provider webhooks (the provider's own payload, signature verified)",
      description:
        'Each provider event id is recorded; a replayed or reordered event leaves the same end state.',
      tags: ['Checkout'],
      access: 'public',
      params: z.object({ provider: z.string().max(20) }),
      status: 200,
      response: z.object({ received: z.boolean(), duplicate: z.boolean() }),
      errors: [400],
    },
    async ({ params, req }) => {
      if (params.provider !== deps.provider.name || deps.provider.isSynchronous) throw notFound('Webhook');
      const event = deps.provider.parseWebhook(req.rawBody ?? Buffer.alloc(0), req.headers);
      await deps.payments.applyEvent(event);
      // Recorded after it was applied: a crash in between means the provider retries and we apply
      // again, which changes nothing. Recording first could lose an event for good.
      const isNew = await deps.payments.recordEvent(event);
      return { received: true, duplicate: !isNew };
    },
  );
}
