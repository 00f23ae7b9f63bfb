import type { PaymentConfig } from '@zevents/contracts';

export interface StartPaymentRequest {
  orderId: string;
  amountCents: number;
  currency: string;
  description: string;
  /** The test provider's card number; ignored by Stripe (the card goes from the browser to Stripe). */
  card?: string;
  buyerEmail: string;
}

export type StartPaymentResult =
  /** Charged now (test provider). */
  | { status: 'succeeded'; providerRef: string }
  | { status: 'declined'; providerRef: string; reason: string }
  /** Started; a signed webhook will say how it ended (Stripe). */
  | { status: 'pending'; providerRef: string; clientSecret: string };

export interface RefundRequest {
  providerRef: string;
  amountCents: number;
  /** Sent as the provider's idempotency key, so a retried refund never pays out twice. */
  idempotencyKey: string;
}

/** Normalised provider events, whatever the provider's own payload looks like. */
export type PaymentEvent =
  | {
      id: string;
      type: 'payment.succeeded';
      orderId: string | undefined;
      providerRef: string;
      amountCents: number;
    }
  | { id: string; type: 'payment.failed'; orderId: string | undefined; providerRef: string; reason: string }
  | {
      id: string;
      type: 'payment.refunded';
      providerRef: string;
      refunds: Array<{ providerRef: string; amountCents: number }>;
      /**
       * The total refunded on the charge so far, when the provider says it (Stripe's `amount_refunded`).
       * Authoritative when `refunds` is incomplete: Stripe leaves a Charge's refund list out of webhooks.
       */
      refundedTotal?: { chargeRef: string; amountCents: number };
    }
  | { id: string; type: 'ignored'; providerType: string };

export interface PaymentProvider {
  readonly name: 'test' | 'stripe';
  /** What the checkout page needs to take a payment with this provider (public, no secrets). */
  readonly browserConfig: PaymentConfig;
  /** Synchronous providers charge at once; asynchronous ones start a payment a webhook completes. */
  readonly isSynchronous: boolean;
  startPayment(request: StartPaymentRequest): Promise<StartPaymentResult>;
  refund(request: RefundRequest): Promise<{ providerRef: string }>;
  /** Verifies the signature on the raw body and normalises the event; throws when it is not authentic. */
  parseWebhook(rawBody: Buffer, headers: Record<string, string | string[] | undefined>): PaymentEvent;
}
