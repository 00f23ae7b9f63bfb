import Stripe from 'stripe';
import { AppError } from '../../http/errors';
import type { PaymentEvent, PaymentProvider } from './payment-provider';

export interface StripeProviderOptions {
  secretKey: string;
  /** Handed to the browser for Stripe Elements. */
  publishableKey: string;
  webhookSecret: string;
  /** Another API base (a local fake of Stripe's API in tests); Stripe's own when unset. */
  apiBase?: string;
  /** How long one call to Stripe may take before it is abandoned (and retried); 10 s by default. */
  timeoutMs?: number;
}

/** PaymentIntents through the official SDK; the order turns paid on the signed webhook. */
export function createStripeProvider(options: StripeProviderOptions): PaymentProvider {
  const base = options.apiBase ? new URL(options.apiBase) : undefined;
  const stripe = new Stripe(options.secretKey, {
    maxNetworkRetries: 2,
    timeout: options.timeoutMs ?? 10_000,
    ...(base
      ? {
          host: base.hostname,
          port: Number(base.port || (base.protocol === 'https:' ? 443 : 80)),
          protocol: base.protocol === 'http:' ? 'http' : 'https',
        }
      : {}),
  });

  const providerError = (error: unknown) =>
    new AppError('PAYMENT_PROVIDER_ERROR', 'The payment provider could not be reached; try again', {
      cause: error,
    });

  return {
    name: 'stripe',
    isSynchronous: false,
    browserConfig: { provider: 'stripe', publishableKey: options.publishableKey },
    async startPayment(request) {
      try {
        const intent = await stripe.paymentIntents.create(
          {
            amount: request.amountCents,
            currency: request.currency.toLowerCase(),
            description: request.description,
            receipt_email: request.buyerEmail,
            metadata: { orderId: request.orderId },
            automatic_payment_methods: { enabled: true },
          },
          // One PaymentIntent per order and amount, however often the buyer presses "pay".
          { idempotencyKey: `zevents-order-${request.orderId}-${request.amountCents}` },
        );
        if (!intent.client_secret) throw new Error('PaymentIntent without client_secret');
        return { status: 'pending', providerRef: intent.id, clientSecret: intent.client_secret };
      } catch (error) {
        throw providerError(error);
      }
    },
    async refund(request) {
      try {
        const refund = await stripe.refunds.create(
          { payment_intent: request.providerRef, amount: request.amountCents },
          { idempotencyKey: `zevents-refund-${request.idempotencyKey}` },
        );
        return { providerRef: refund.id };
      } catch (error) {
        throw providerError(error);
      }
    },
    parseWebhook(rawBody, headers) {
      const signature = headers['stripe-signature'];
      let event: Stripe.Event;
      try {
        if (typeof signature !== 'string') throw new Error('missing Stripe-Signature');
        event = stripe.webhooks.constructEvent(rawBody, signature, options.webhookSecret);
      } catch {
        throw new AppError('WEBHOOK_SIGNATURE_INVALID', 'The webhook signature is missing or invalid');
      }
      return normaliseStripeEvent(event);
    },
  };
}

function normaliseStripeEvent(event: Stripe.Event): PaymentEvent {
  switch (event.type) {
    case 'payment_intent.succeeded': {
      const intent = event.data.object;
      return {
        id: event.id,
        type: 'payment.succeeded',
        orderId: intent.metadata.orderId,
        providerRef: intent.id,
        amountCents: intent.amount_received || intent.amount,
      };
    }
    case 'payment_intent.payment_failed': {
      const intent = event.data.object;
      return {
        id: event.id,
        type: 'payment.failed',
        orderId: intent.metadata.orderId,
        providerRef: intent.id,
        reason: intent.last_payment_error?.code ?? 'payment_failed',
      };
    }
    case 'charge.refunded': {
      const charge = event.data.object;
      const intentId =
        typeof charge.payment_intent === 'string' ? charge.payment_intent : charge.payment_intent?.id;
      return {
        id: event.id,
        type: 'payment.refunded',
        providerRef: intentId ?? '',
        // Since API version 2022-11-15 a Charge embeds `refunds` only when expanded, which webhooks never
        // are: the list is usually absent and `amount_refunded` is what tells how much went back.
        refunds: (charge.refunds?.data ?? [])
          .filter((refund) => refund.status !== 'failed' && refund.status !== 'canceled')
          .map((refund) => ({ providerRef: refund.id, amountCents: refund.amount })),
        refundedTotal: { chargeRef: charge.id, amountCents: charge.amount_refunded },
      };
    }
    default:
      return { id: event.id, type: 'ignored', providerType: event.type };
  }
}
