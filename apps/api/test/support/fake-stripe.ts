import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

/**
 * A small local stand-in for Stripe's API: what the Stripe provider calls (PaymentIntents and refunds),
 * answered the way Stripe answers, on 127.0.0.1 so no test reaches the internet. It keeps Stripe's
 * idempotency rule (same Idempotency-Key and parameters: the first answer again; other parameters:
 * 400), refuses refunds above what is left on the charge, records every request, and can be told to
 * fail or hang the next calls. Helpers play the buyer's and the dashboard's part (confirm a payment,
 * decline it, refund from the dashboard) and sign webhook events like Stripe does.
 *
 * For browser tests it also answers what Stripe.js calls with the publishable key (confirming a
 * PaymentIntent with a card from the Payment Element; CORS open like api.stripe.com) and, given a
 * webhook URL, delivers the signed `payment_intent.*` events there afterwards, as Stripe does.
 */

export const TEST_SECRET_KEY = 'sk_test_x';
/** What Stripe.js in the browser authenticates with (only card confirmation accepts it). */
export const TEST_PUBLISHABLE_KEY = 'pk_test_x';
/** Stripe's test cards, as Stripe.js would collect them in its Payment Element. */
export const STRIPE_TEST_CARDS = { pays: '4242424242424242', declined: '4000000000000002' } as const;
export const TEST_WEBHOOK_SECRET = 'whsec_test';

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/v1/payment_intents`. */
  path: string;
  query: Record<string, string>;
  idempotencyKey: string | undefined;
  authorization: string | undefined;
  contentType: string | undefined;
  /** The form-encoded body decoded into nested objects (`metadata[orderId]=x` -> `{metadata:{orderId:'x'}}`). */
  body: Record<string, unknown>;
  rawBody: string;
  /** What the fake answered (a hung request has none). */
  status?: number;
  /** True when the answer was a replay of an earlier request with the same Idempotency-Key. */
  replayed?: boolean;
}

export interface FakePaymentIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  amount_capturable: number;
  automatic_payment_methods: { enabled: boolean } | null;
  capture_method: 'automatic';
  client_secret: string;
  confirmation_method: 'automatic';
  created: number;
  currency: string;
  customer: string | null;
  description: string | null;
  last_payment_error: {
    type: string;
    code: string;
    decline_code?: string;
    message: string;
  } | null;
  latest_charge: string | null;
  livemode: false;
  metadata: Record<string, string>;
  payment_method: string | null;
  payment_method_types: string[];
  receipt_email: string | null;
  status:
    | 'requires_payment_method'
    | 'requires_confirmation'
    | 'requires_action'
    | 'processing'
    | 'succeeded'
    | 'canceled';
}

export interface FakeRefund {
  id: string;
  object: 'refund';
  amount: number;
  balance_transaction: string | null;
  charge: string;
  created: number;
  currency: string;
  metadata: Record<string, string>;
  payment_intent: string;
  reason: string | null;
  status: 'succeeded';
}

export interface FakeCharge {
  id: string;
  object: 'charge';
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  captured: boolean;
  created: number;
  currency: string;
  livemode: false;
  metadata: Record<string, string>;
  paid: boolean;
  payment_intent: string;
  refunded: boolean;
  status: 'succeeded';
  /** Stripe leaves this out unless expanded (API 2022-11-15 and later), so webhooks usually lack it. */
  refunds?: { object: 'list'; data: FakeRefund[]; has_more: boolean; total_count: number; url: string };
}

export interface FaultOptions {
  /** Only calls whose path starts with this (e.g. `/v1/refunds`); every call when unset. */
  path?: string;
  /** Do the work (create the PaymentIntent or refund) first, then fail: the answer is lost on the way. */
  afterProcessing?: boolean;
}

interface Fault extends FaultOptions {
  kind: 'status' | 'hang';
  status: number;
  remaining: number;
}

interface StoredAnswer {
  fingerprint: string;
  status: number;
  body: unknown;
}

export interface FakeStripe {
  /** `http://127.0.0.1:<port>`, for `createStripeProvider({ apiBase })`. */
  readonly url: string;
  readonly port: number;
  readonly requests: RecordedRequest[];
  /** Requests for one method and path (exact path, no query). */
  requestsTo(method: string, path: string): RecordedRequest[];
  /** Every PaymentIntent created for an order (by `metadata.orderId`). */
  intentsForOrder(orderId: string): FakePaymentIntent[];
  intent(intentId: string): FakePaymentIntent;
  /** Every refund of a PaymentIntent, API or dashboard. */
  refundsOf(intentId: string): FakeRefund[];
  /** The next `count` matching calls answer `status` (500 by default) with a Stripe api_error. */
  failNext(count: number, options?: FaultOptions & { status?: number }): void;
  /** The next `count` matching calls are never answered (the client's timeout has to act). */
  hangNext(count: number, options?: FaultOptions): void;
  /** Drops faults not used yet. */
  clearFaults(): void;
  /** Where browser confirmations deliver their webhooks from now on (none when undefined). */
  setWebhookTarget(target: { url: string; secret?: string } | undefined): void;
  /** A PaymentIntent made outside the app (e.g. a second checkout tab), like POST /v1/payment_intents. */
  createIntent(params: {
    amount: number;
    currency: string;
    metadata?: Record<string, string>;
  }): FakePaymentIntent;
  /** The buyer completes the payment in the browser: the PaymentIntent succeeds with one charge. */
  confirm(intentId: string): FakePaymentIntent;
  /** The buyer's card is declined: the PaymentIntent goes back to requires_payment_method. */
  decline(intentId: string, code?: string): FakePaymentIntent;
  /** A refund made in Stripe's dashboard (not through the API the app calls). */
  refundFromDashboard(intentId: string, amount?: number): FakeRefund;
  /** The PaymentIntent's charge as a `charge.refunded` event carries it. */
  chargeOf(intentId: string, options?: { withRefunds?: boolean }): FakeCharge;
  close(): Promise<void>;
}

class StripeFault extends Error {
  constructor(
    readonly status: number,
    readonly error: Record<string, unknown>,
  ) {
    super(String(error.message));
  }
}

/** api.stripe.com answers browsers from any origin (Stripe.js calls it from the shop's pages). */
const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type, Authorization, Stripe-Version',
};

const invalidRequest = (message: string, extra: Record<string, unknown> = {}) =>
  new StripeFault(400, { type: 'invalid_request_error', message, ...extra });

/** Decodes a body as the SDK encodes it: `a[b][0]=x` -> `{ a: { b: { 0: 'x' } } }`. */
export function decodeForm(raw: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const parts = key.split(/[[\]]+/).filter((part) => part !== '');
    let node = out;
    parts.forEach((part, index) => {
      if (index === parts.length - 1) node[part] = value;
      else node = (node[part] ??= {}) as Record<string, unknown>;
    });
  }
  return out;
}

const asInteger = (value: unknown, param: string): number => {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < 1)
    throw invalidRequest(`Invalid integer: ${String(value)}`, { code: 'parameter_invalid_integer', param });
  return n;
};

export interface FakeStripeOptions {
  secretKey?: string;
  publishableKey?: string;
  /** A fixed port (browser tests route api.stripe.com to it); a free one when unset. */
  port?: number;
  /** Where to deliver the signed webhooks a browser confirmation causes (none when unset). */
  webhook?: { url: string; secret?: string };
}

export async function startFakeStripe(options: FakeStripeOptions = {}): Promise<FakeStripe> {
  const secretKey = options.secretKey ?? TEST_SECRET_KEY;
  const publishableKey = options.publishableKey ?? TEST_PUBLISHABLE_KEY;
  const requests: RecordedRequest[] = [];
  const intents = new Map<string, FakePaymentIntent>();
  const charges = new Map<string, FakeCharge>();
  const refunds: FakeRefund[] = [];
  const idempotency = new Map<string, StoredAnswer>();
  let faults: Fault[] = [];
  let webhookTarget = options.webhook;

  function newIntent(params: {
    amount: number;
    currency: string;
    metadata?: Record<string, string>;
    description?: string | null;
    receiptEmail?: string | null;
    automaticPaymentMethods?: boolean;
  }): FakePaymentIntent {
    const intentId = id('pi');
    const intent: FakePaymentIntent = {
      id: intentId,
      object: 'payment_intent',
      amount: params.amount,
      amount_received: 0,
      amount_capturable: 0,
      automatic_payment_methods: params.automaticPaymentMethods ? { enabled: true } : null,
      capture_method: 'automatic',
      client_secret: `${intentId}_secret_${randomBytes(12).toString('hex')}`,
      confirmation_method: 'automatic',
      created: nowSeconds(),
      currency: params.currency.toLowerCase(),
      customer: null,
      description: params.description ?? null,
      last_payment_error: null,
      latest_charge: null,
      livemode: false,
      metadata: { ...params.metadata },
      payment_method: null,
      payment_method_types: ['card'],
      receipt_email: params.receiptEmail ?? null,
      status: 'requires_payment_method',
    };
    intents.set(intentId, intent);
    return intent;
  }

  function requireIntent(intentId: string, param = 'payment_intent'): FakePaymentIntent {
    const intent = intents.get(intentId);
    if (!intent)
      throw invalidRequest(`No such payment_intent: '${intentId}'`, { code: 'resource_missing', param });
    return intent;
  }

  function refundIntent(intentId: string, amount: number | undefined): FakeRefund {
    const intent = requireIntent(intentId);
    const charge = intent.latest_charge ? charges.get(intent.latest_charge) : undefined;
    if (intent.status !== 'succeeded' || !charge)
      throw invalidRequest(`This PaymentIntent (${intent.id}) does not have a successful charge to refund.`, {
        code: 'charge_not_refundable',
      });
    const left = charge.amount - charge.amount_refunded;
    if (left <= 0)
      throw invalidRequest(`Charge ${charge.id} has already been refunded.`, {
        code: 'charge_already_refunded',
      });
    const value = amount ?? left;
    if (value > left)
      throw invalidRequest(`Refund amount (${value}) is greater than unrefunded amount on charge (${left})`, {
        code: 'amount_too_large',
        param: 'amount',
      });
    const refund: FakeRefund = {
      id: id('re'),
      object: 'refund',
      amount: value,
      balance_transaction: id('txn'),
      charge: charge.id,
      created: nowSeconds(),
      currency: intent.currency,
      metadata: {},
      payment_intent: intent.id,
      reason: null,
      status: 'succeeded',
    };
    refunds.push(refund);
    charge.amount_refunded += value;
    charge.refunded = charge.amount_refunded >= charge.amount;
    return refund;
  }

  /** The API itself: returns [status, body] or throws a StripeFault. */
  function route(method: string, path: string, body: Record<string, unknown>, query: Record<string, string>) {
    if (method === 'POST' && path === '/v1/payment_intents') {
      if (typeof body.currency !== 'string' || body.currency === '')
        throw invalidRequest('Missing required param: currency.', {
          code: 'parameter_missing',
          param: 'currency',
        });
      const intent = newIntent({
        amount: asInteger(body.amount, 'amount'),
        currency: body.currency,
        metadata: (body.metadata ?? {}) as Record<string, string>,
        description: typeof body.description === 'string' ? body.description : null,
        receiptEmail: typeof body.receipt_email === 'string' ? body.receipt_email : null,
        automaticPaymentMethods:
          (body.automatic_payment_methods as { enabled?: string } | undefined)?.enabled === 'true',
      });
      return [200, structuredClone(intent)] as const;
    }
    const intentMatch = /^\/v1\/payment_intents\/([^/]+)$/.exec(path);
    if (method === 'GET' && intentMatch?.[1])
      return [200, structuredClone(requireIntent(intentMatch[1], 'intent'))] as const;
    if (method === 'POST' && path === '/v1/refunds') {
      if (typeof body.payment_intent !== 'string')
        throw invalidRequest(
          'One of the following params should be provided for this request: payment_intent or charge.',
          {
            code: 'parameter_missing',
          },
        );
      const amount = body.amount === undefined ? undefined : asInteger(body.amount, 'amount');
      return [200, structuredClone(refundIntent(body.payment_intent, amount))] as const;
    }
    if (method === 'GET' && path === '/v1/refunds') {
      const data = refunds.filter((r) => !query.payment_intent || r.payment_intent === query.payment_intent);
      return [
        200,
        { object: 'list', data: structuredClone(data).reverse(), has_more: false, url: '/v1/refunds' },
      ] as const;
    }
    throw new StripeFault(404, {
      type: 'invalid_request_error',
      message: `Unrecognized request URL (${method}: ${path}).`,
    });
  }

  /**
   * What Stripe.js does when the buyer presses Pay: confirm the PaymentIntent with the card the
   * Payment Element collected, authenticated by the publishable key and the intent's client secret.
   * Returns the answer and the webhook event Stripe would send afterwards.
   */
  function confirmFromBrowser(
    intentId: string,
    recorded: RecordedRequest,
  ): [number, unknown, { type: string; object: FakePaymentIntent } | undefined] {
    const key = typeof recorded.body.key === 'string' ? recorded.body.key : recorded.authorization?.slice(7);
    if (key !== publishableKey)
      return [
        401,
        { error: { type: 'invalid_request_error', message: 'Invalid API Key provided.' } },
        undefined,
      ];
    const intent = intents.get(intentId);
    if (!intent || recorded.body.client_secret !== intent.client_secret)
      return [
        404,
        {
          error: {
            type: 'invalid_request_error',
            code: 'resource_missing',
            message: `No such payment_intent: '${intentId}'`,
          },
        },
        undefined,
      ];
    if (intent.status === 'succeeded' || intent.status === 'canceled')
      return [
        400,
        {
          error: {
            type: 'invalid_request_error',
            code: 'payment_intent_unexpected_state',
            message: `You cannot confirm this PaymentIntent because it has a status of ${intent.status}.`,
            payment_intent: structuredClone(intent),
          },
        },
        undefined,
      ];
    const card = (recorded.body.payment_method_data as { card?: { number?: unknown } } | undefined)?.card
      ?.number;
    const number = typeof card === 'string' ? card.replace(/\D/g, '') : '';
    if (number === STRIPE_TEST_CARDS.pays) {
      const paid = confirmIntent(intent);
      return [200, structuredClone(paid), { type: 'payment_intent.succeeded', object: paid }];
    }
    const code = number.length >= 12 ? 'card_declined' : 'incomplete_number';
    const declined = declineIntent(intent, code);
    const error = {
      type: 'card_error',
      code,
      ...(code === 'card_declined' ? { decline_code: 'generic_decline' } : {}),
      message: code === 'card_declined' ? 'Your card was declined.' : 'Your card number is incomplete.',
      payment_intent: structuredClone(declined),
    };
    return [402, { error }, { type: 'payment_intent.payment_failed', object: declined }];
  }

  /** Sends the event to the configured webhook URL like Stripe: signed, after the answer, retried. */
  function deliverWebhook(event: { type: string; object: FakePaymentIntent }): void {
    const target = webhookTarget;
    if (!target) return;
    const signed = signedEvent(event.type, structuredClone(event.object), { secret: target.secret });
    const attempt = async (tries: number): Promise<void> => {
      try {
        const res = await fetch(target.url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signed.header },
          body: signed.body,
        });
        if (res.ok || tries <= 1) return;
      } catch {
        if (tries <= 1) return;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      await attempt(tries - 1);
    };
    void attempt(5);
  }

  function confirmIntent(intent: FakePaymentIntent): FakePaymentIntent {
    if (intent.status === 'succeeded') return intent;
    const charge: FakeCharge = {
      id: id('ch'),
      object: 'charge',
      amount: intent.amount,
      amount_captured: intent.amount,
      amount_refunded: 0,
      captured: true,
      created: nowSeconds(),
      currency: intent.currency,
      livemode: false,
      metadata: {},
      paid: true,
      payment_intent: intent.id,
      refunded: false,
      status: 'succeeded',
    };
    charges.set(charge.id, charge);
    Object.assign(intent, {
      status: 'succeeded',
      amount_received: intent.amount,
      latest_charge: charge.id,
      last_payment_error: null,
      payment_method: id('pm'),
    });
    return intent;
  }

  function declineIntent(intent: FakePaymentIntent, code: string): FakePaymentIntent {
    Object.assign(intent, {
      status: 'requires_payment_method',
      last_payment_error: {
        type: 'card_error',
        code,
        decline_code: 'generic_decline',
        message: 'Your card was declined.',
      },
    });
    return intent;
  }

  const takeFault = (path: string): Fault | undefined => {
    const fault = faults.find((f) => f.remaining > 0 && (!f.path || path.startsWith(f.path)));
    if (fault) fault.remaining--;
    return fault;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const header = (name: string) => {
        const value = req.headers[name];
        return Array.isArray(value) ? value[0] : value;
      };
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        idempotencyKey: header('idempotency-key'),
        authorization: header('authorization'),
        contentType: header('content-type'),
        body: decodeForm(rawBody),
        rawBody,
        replayed: false,
      };
      requests.push(recorded);
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        recorded.status = status;
        res.writeHead(status, {
          'Content-Type': 'application/json',
          'Request-Id': id('req'),
          ...CORS_HEADERS,
          ...headers,
        });
        res.end(JSON.stringify(body));
      };

      const fault = takeFault(recorded.path);
      if (fault && !fault.afterProcessing) {
        if (fault.kind === 'hang') return;
        send(fault.status, { error: { type: 'api_error', message: 'An unknown error occurred (fake).' } });
        return;
      }

      if (req.method === 'OPTIONS') {
        recorded.status = 204;
        res.writeHead(204, CORS_HEADERS);
        res.end();
        return;
      }
      const browserConfirm = /^\/v1\/payment_intents\/([^/]+)\/confirm$/.exec(recorded.path);
      if (req.method === 'POST' && browserConfirm?.[1]) {
        const [status, body, event] = confirmFromBrowser(browserConfirm[1], recorded);
        send(status, body);
        if (event) deliverWebhook(event);
        return;
      }

      let status: number;
      let body: unknown;
      let replayed = false;
      if (recorded.authorization !== `Bearer ${secretKey}`) {
        status = 401;
        body = { error: { type: 'invalid_request_error', message: 'Invalid API Key provided.' } };
      } else {
        const fingerprint = `${recorded.method} ${recorded.path} ${createHash('sha256').update(rawBody).digest('hex')}`;
        const stored = recorded.idempotencyKey ? idempotency.get(recorded.idempotencyKey) : undefined;
        if (stored && stored.fingerprint !== fingerprint) {
          status = 400;
          body = {
            error: {
              type: 'idempotency_error',
              message:
                'Keys for idempotent requests can only be used with the same parameters they were first used with.',
            },
          };
        } else if (stored) {
          ({ status, body } = stored);
          replayed = true;
        } else {
          try {
            [status, body] = route(recorded.method, recorded.path, recorded.body, recorded.query);
          } catch (error) {
            if (!(error instanceof StripeFault)) throw error;
            status = error.status;
            body = { error: error.error };
          }
          if (recorded.idempotencyKey && recorded.method === 'POST')
            idempotency.set(recorded.idempotencyKey, { fingerprint, status, body });
        }
      }
      recorded.replayed = replayed;
      if (fault) {
        // The work is done (and remembered under its key); only the answer gets lost.
        if (fault.kind === 'hang') return;
        send(fault.status, { error: { type: 'api_error', message: 'An unknown error occurred (fake).' } });
        return;
      }
      send(status, body, replayed ? { 'Idempotent-Replayed': 'true' } : {});
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  const intentOf = (intentId: string) => {
    const intent = intents.get(intentId);
    if (!intent) throw new Error(`fake Stripe: no PaymentIntent ${intentId}`);
    return intent;
  };

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    requestsTo: (method, path) => requests.filter((r) => r.method === method && r.path === path),
    intentsForOrder: (orderId) =>
      [...intents.values()].filter((i) => i.metadata.orderId === orderId).map((i) => structuredClone(i)),
    intent: (intentId) => structuredClone(intentOf(intentId)),
    refundsOf: (intentId) => structuredClone(refunds.filter((r) => r.payment_intent === intentId)),
    failNext(count, faultOptions = {}) {
      faults.push({ kind: 'status', status: faultOptions.status ?? 500, remaining: count, ...faultOptions });
    },
    hangNext(count, faultOptions = {}) {
      faults.push({ kind: 'hang', status: 0, remaining: count, ...faultOptions });
    },
    clearFaults() {
      faults = [];
    },
    setWebhookTarget(target) {
      webhookTarget = target;
    },
    createIntent: (params) => structuredClone(newIntent(params)),
    confirm: (intentId) => structuredClone(confirmIntent(intentOf(intentId))),
    decline: (intentId, code = 'card_declined') => structuredClone(declineIntent(intentOf(intentId), code)),
    refundFromDashboard: (intentId, amount) => structuredClone(refundIntent(intentId, amount)),
    chargeOf(intentId, chargeOptions = {}) {
      const intent = intentOf(intentId);
      const charge = intent.latest_charge ? charges.get(intent.latest_charge) : undefined;
      if (!charge) throw new Error(`fake Stripe: PaymentIntent ${intentId} has no charge yet`);
      const copy = structuredClone(charge);
      if (chargeOptions.withRefunds ?? true) {
        const data = refunds.filter((r) => r.charge === charge.id).reverse();
        copy.refunds = {
          object: 'list',
          data: structuredClone(data),
          has_more: false,
          total_count: data.length,
          url: `/v1/charges/${charge.id}/refunds`,
        };
      }
      return copy;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

export interface SignedEvent {
  /** The exact bytes to POST (the signature covers them). */
  body: string;
  /** The `Stripe-Signature` header. */
  header: string;
  event: { id: string; type: string; data: { object: unknown } };
}

/**
 * A webhook event as Stripe sends it, signed with the test webhook secret:
 * `{ id: 'evt_...', object: 'event', type, data: { object }, ... }` and a `Stripe-Signature` header.
 */
export function signedEvent(
  type: string,
  object: unknown,
  options: { id?: string; secret?: string; timestamp?: number } = {},
): SignedEvent {
  const event = {
    id: options.id ?? id('evt'),
    object: 'event' as const,
    api_version: Stripe.API_VERSION,
    created: nowSeconds(),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
  const body = JSON.stringify(event, null, 2);
  const header = Stripe.webhooks.generateTestHeaderString({
    payload: body,
    secret: options.secret ?? TEST_WEBHOOK_SECRET,
    ...(options.timestamp === undefined ? {} : { timestamp: options.timestamp }),
  });
  return { body, header, event };
}
