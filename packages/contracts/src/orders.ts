import { z } from 'zod';
import { AccessCodeString, EventKind, PromoCodeString } from './events';
import { AnswerValue } from './questions';

export const OrderStatus = z.enum([
  'reserved',
  'paid',
  'expired',
  'cancelled',
  'refunded',
  'partially_refunded',
  'awaiting_payment',
]);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const TicketStatus = z.enum(['valid', 'checked_in', 'void']);
export type TicketStatus = z.infer<typeof TicketStatus>;

export const MAX_ITEMS_PER_ORDER = 20;
/**
 * Money is 64-bit integers of minor units (exact in JSON up to 2^53). A ticket costs at most
 * 100,000,000 minor units (`Cents`); an order total stays within 10^12, which 20 types of at most
 * 100 tickets each at the highest price (2 x 10^11) never reach, and the database checks as well.
 */
export const MAX_ORDER_TOTAL_CENTS = 1_000_000_000_000;

/** An event date's id: a UUID, lower-cased (PostgreSQL reads either case; one id, one spelling). */
const DateIdString = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.uuid({ error: 'dateId must be an event date id (a UUID)' }));

export const CreateOrderBody = z
  .object({
    eventId: z.string().min(1).max(100),
    items: z
      .array(
        z
          .object({
            // Ticket type ids are UUIDs, which PostgreSQL reads in any letter case: lower-cased here, one id
            // has one spelling, so the same type named twice in two cases is caught just below (400).
            ticketTypeId: z
              .string()
              .min(1)
              .max(100)
              .transform((id) => id.toLowerCase()),
            // Any integer passes the schema; below 1 or above the type's maximum is a rule break (422).
            quantity: z.number().int().min(-1_000_000).max(1_000_000),
          })
          .strict(),
      )
      .min(1)
      .max(MAX_ITEMS_PER_ORDER)
      .refine((items) => new Set(items.map((item) => item.ticketTypeId)).size === items.length, {
        message: 'each ticket type may appear once',
      }),
    buyer: z
      .object({
        name: z.string().trim().min(1).max(200),
        email: z
          .string()
          .trim()
          .max(254)
          .pipe(z.email())
          .transform((email) => email.toLowerCase()),
      })
      .strict(),
    promoCode: PromoCodeString.optional(),
    accessCode: AccessCodeString.optional().describe(
      'Unlocks hidden ticket types (the `?code=` of the event page); a promoCode unlocks them too',
    ),
    dateId: DateIdString.optional().describe(
      'The date the tickets are for (GET /api/events/{eventId}/dates); required when the event has more than one (422 DATE_REQUIRED)',
    ),
  })
  .strict()
  .meta({ id: 'CreateOrderBody' });
export type CreateOrderBody = z.infer<typeof CreateOrderBody>;

export const ManualPaymentMethod = z.enum(['comp', 'cash']);
export type ManualPaymentMethod = z.infer<typeof ManualPaymentMethod>;
/** How an order was paid, when not by card: the box office's methods or a bank transfer. */
export const OrderPaymentMethod = z.enum(['comp', 'cash', 'bank_transfer']);

/** An order the organizer issues: complimentary, or paid in cash at the box office. */
export const CreateManualOrderBody = z
  .object({
    items: CreateOrderBody.shape.items,
    buyer: CreateOrderBody.shape.buyer,
    paymentMethod: ManualPaymentMethod.describe(
      'comp: free of charge; cash: paid at the price of the tickets',
    ),
    sendEmail: z.boolean().optional().describe('Email the tickets to the buyer (default true)'),
    dateId: CreateOrderBody.shape.dateId,
  })
  .strict()
  .meta({ id: 'CreateManualOrderBody' });
export type CreateManualOrderBody = z.infer<typeof CreateManualOrderBody>;

export const Ticket = z
  .object({
    id: z.string(),
    ticketTypeId: z.string(),
    ticketTypeName: z.string(),
    attendeeName: z.string(),
    attendeeEmail: z.string().nullable().optional(),
    answers: z
      .record(z.string(), AnswerValue)
      .optional()
      .describe("The attendee's answers to per-ticket questions, by question id"),
    code: z.string().describe('Short human code, typed at the door when a QR cannot be scanned'),
    qr: z.string().describe('The signed string encoded in the QR image'),
    status: TicketStatus,
    checkedInAt: z.string().nullable(),
    transferredAt: z
      .string()
      .nullable()
      .optional()
      .describe('When the ticket last changed hands; the buyer then no longer sees its code or QR'),
    dateId: z
      .string()
      .nullable()
      .optional()
      .describe('The event date it admits to; present only on an event with dates'),
  })
  .meta({ id: 'Ticket' });
export type Ticket = z.infer<typeof Ticket>;

export const OrderTaxRate = z
  .object({
    id: z.string(),
    name: z.string(),
    rateBasisPoints: z.number().int(),
    inclusive: z.boolean(),
  })
  .meta({ id: 'OrderTaxRate' });

export const OrderItem = z
  .object({
    ticketTypeId: z.string(),
    ticketTypeName: z.string(),
    quantity: z.number().int(),
    unitPriceCents: z.number().int(),
    discountCents: z.number().int().describe('Its share of the order’s discount'),
    feeCents: z.number().int().describe('Its share of the service fee the buyer pays (0 when absorbed)'),
    taxCents: z.number().int().describe('Its tax, inside the price (inclusive rate) or on top'),
    totalCents: z
      .number()
      .int()
      .describe('What the buyer pays for the line: after discount, with tax on top and the fee'),
    taxRate: OrderTaxRate.optional().describe('The rate it was priced with; absent when untaxed'),
  })
  .meta({ id: 'OrderItem' });

export const PaymentInfo = z
  .object({
    provider: z.string(),
    status: z.enum(['pending', 'succeeded', 'failed', 'refunded']),
    clientSecret: z.string().optional().describe('Stripe: confirm the PaymentIntent with Stripe.js'),
  })
  .meta({ id: 'PaymentInfo' });

/** What a buyer paying by bank transfer needs: where to, how much, which reference, by when. */
export const OrderBankTransfer = z
  .object({
    reference: z.string().describe('Put it on the transfer so the organizer can match it (e.g. ZE-7KQ4MX2P)'),
    instructions: z.string().describe('The account to transfer to (IBAN, BIC, account holder)'),
    amountCents: z.number().int(),
    currency: z.string(),
    deadline: z.string().describe('Transfer by then; the tickets are held until then'),
  })
  .meta({ id: 'OrderBankTransfer' });
export type OrderBankTransfer = z.infer<typeof OrderBankTransfer>;

export const Order = z
  .object({
    id: z.string(),
    eventId: z.string(),
    status: OrderStatus,
    buyer: z.object({ name: z.string(), email: z.string() }),
    items: z.array(OrderItem),
    subtotalCents: z.number().int(),
    discountCents: z.number().int(),
    feeCents: z.number().int().describe('The service fee the buyer pays (0: none, or absorbed)'),
    taxCents: z.number().int().describe('All the tax of the order, included and added'),
    totalCents: z.number().int().describe('subtotal − discount + fee + tax added on top of prices'),
    refundedCents: z.number().int(),
    currency: z.string(),
    expiresAt: z.string().describe('End of the hold'),
    accessToken: z.string().optional().describe('Secret giving access to this order (?token=)'),
    tickets: z.array(Ticket).optional(),
    payment: PaymentInfo.optional(),
    createdAt: z.string(),
    paidAt: z.string().nullable().optional(),
    paymentMethod: OrderPaymentMethod.nullable()
      .optional()
      .describe('comp or cash for an order the organizer issued, bank_transfer; null for a card checkout'),
    bankTransfer: OrderBankTransfer.optional().describe(
      'On an order paid (or to be paid) by bank transfer: the transfer details and reference',
    ),
    dateId: z
      .string()
      .nullable()
      .optional()
      .describe('The event date it is for; present only on an event with dates'),
    eventKind: EventKind.optional().describe(
      'online or hybrid, with onlineUrl: present only once the order is paid (or partially refunded)',
    ),
    onlineUrl: z
      .string()
      .optional()
      .describe('The join link of an online or hybrid event, for ticket holders: paid orders only'),
  })
  .meta({ id: 'Order' });
export type Order = z.infer<typeof Order>;

export const OrderAccessQuery = z.object({ token: z.string().max(200).optional() });

export const PayOrderBody = z
  .object({
    card: z
      .string()
      .trim()
      .max(30)
      .optional()
      .describe('test provider: 4242424242424242 pays, 4000000000000002 is declined'),
  })
  .strict()
  .meta({ id: 'PayOrderBody' });
export type PayOrderBody = z.infer<typeof PayOrderBody>;

/**
 * What the browser needs to take a payment: the test provider's card form, or Stripe Elements with
 * the account's publishable key (safe to publish: it can only confirm payments the server started).
 */
export const PaymentConfig = z
  .discriminatedUnion('provider', [
    z.object({
      provider: z.literal('test'),
      testCards: z.object({ pays: z.string(), declined: z.string() }),
    }),
    z.object({ provider: z.literal('stripe'), publishableKey: z.string() }),
  ])
  .meta({ id: 'PaymentConfig' });
export type PaymentConfig = z.infer<typeof PaymentConfig>;

export const RefundOrderBody = z
  .object({
    amountCents: z.number().int().min(1).max(MAX_ORDER_TOTAL_CENTS).optional(),
    ticketIds: z
      .array(z.string().max(100))
      .min(1)
      .max(200)
      .optional()
      .describe('Refund and void these tickets only'),
  })
  .strict()
  .meta({ id: 'RefundOrderBody' });
export type RefundOrderBody = z.infer<typeof RefundOrderBody>;

export const SoldOutLeft = z.array(z.object({ ticketTypeId: z.string(), available: z.number().int() }));
