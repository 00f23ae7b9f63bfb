import { z } from 'zod';

/** Every stable error code the API answers with. Clients switch on these, never on messages. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'CSRF_FAILED',
  'RATE_LIMITED',
  'EMAIL_TAKEN',
  'INVALID_CREDENTIALS',
  'SLUG_TAKEN',
  'ALREADY_MEMBER',
  'USER_NOT_FOUND',
  'LAST_OWNER',
  'INVITATION_EXPIRED',
  'INVITATION_REVOKED',
  'INVITATION_ALREADY_USED',
  'INVITATION_EMAIL_MISMATCH',
  'NO_TICKET_TYPES',
  'EVENT_CANCELLED',
  'EVENT_NOT_EDITABLE',
  'CAPACITY_BELOW_SOLD',
  'INVALID_SALES_WINDOW',
  'PROMO_CODE_TAKEN',
  'TICKET_TYPE_IN_USE',
  'PROMO_CODE_IN_USE',
  'MAX_USES_BELOW_USES',
  'REMINDER_EXISTS',
  'SOLD_OUT',
  'EVENT_NOT_ON_SALE',
  'TICKET_TYPE_NOT_IN_EVENT',
  'SALES_CLOSED',
  'QUANTITY_OUT_OF_RANGE',
  'PROMO_CODE_INVALID',
  'PAYMENT_DECLINED',
  'ORDER_NOT_PAYABLE',
  'ORDER_NOT_CANCELLABLE',
  'ORDER_NOT_REFUNDABLE',
  'REFUND_TOO_LARGE',
  'PAYMENT_PROVIDER_ERROR',
  'WEBHOOK_SIGNATURE_INVALID',
  'HOLD_EXPIRED',
  'ALREADY_CHECKED_IN',
  'NOT_CHECKED_IN',
  'TICKET_NOT_FOUND',
  'TICKET_VOID',
  'WALLET_NOT_CONFIGURED',
  'WRONG_EVENT',
  'IDEMPOTENCY_CONFLICT',
  'REQUEST_IN_PROGRESS',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
  'EMAIL_NOT_VERIFIED',
  'VERIFICATION_TOKEN_INVALID',
  'VERIFICATION_TOKEN_EXPIRED',
  'INSUFFICIENT_SCOPE',
  'BUYER_LIMIT_REACHED',
  'WAITING_ROOM_PASS_REQUIRED',
  'WAITING_ROOM_DISABLED',
  'WAITING_ROOM_NOT_OPEN',
  'DETAILS_REQUIRED',
  'ORDER_NOT_EDITABLE',
  'QUESTION_IN_USE',
  'ORDER_NOT_PAID',
  'TRANSFER_CLOSED',
  'WEBHOOK_LIMIT_REACHED',
  'WAITLIST_CLOSED',
  'TICKETS_AVAILABLE',
  'ALREADY_ON_WAITLIST',
  'DATE_REQUIRED',
  'DATE_NOT_IN_EVENT',
  'DATE_HAS_ORDERS',
  'DATES_WITH_CAPACITY_POOLS',
  'WRONG_DATE',
  'TAX_RATE_IN_USE',
  'TAX_RATE_RETIRED',
  'TAX_RATE_NOT_IN_ORGANIZATION',
  'INVOICE_NOT_AVAILABLE',
  'BANK_TRANSFER_NOT_OFFERED',
  'ONLINE_URL_REQUIRED',
] as const;

export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** RFC 9457 problem details, as every error response carries them. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: ErrorCode,
    requestId: z.string().optional(),
    errors: z
      .array(z.object({ path: z.string(), message: z.string(), code: z.string().optional() }))
      .optional()
      .describe('Field-level problems, for 400 and 422'),
    // Extension members (RFC 9457): present only with the codes named in each description.
    remaining: z
      .array(z.object({ ticketTypeId: z.string(), available: z.number().int() }))
      .optional()
      .describe('SOLD_OUT: what is left of each requested ticket type'),
    refundableCents: z
      .number()
      .int()
      .optional()
      .describe('REFUND_TOO_LARGE: the most that can still be refunded'),
    ticketId: z
      .string()
      .optional()
      .describe('ALREADY_CHECKED_IN, TICKET_VOID, NOT_CHECKED_IN: the ticket the scan found'),
    checkedInAt: z
      .string()
      .nullable()
      .optional()
      .describe('ALREADY_CHECKED_IN: when the ticket was first checked in'),
    attendeeName: z.string().optional().describe('ALREADY_CHECKED_IN, TICKET_VOID: whose ticket it is'),
    ticketTypeName: z.string().optional().describe('ALREADY_CHECKED_IN, TICKET_VOID: its ticket type'),
    invitedEmail: z
      .string()
      .optional()
      .describe('INVITATION_EMAIL_MISMATCH: the address the invitation was sent to'),
    maxTicketsPerBuyer: z
      .number()
      .int()
      .optional()
      .describe('BUYER_LIMIT_REACHED: the most tickets one buyer email may have for the event'),
    ticketsLeftForBuyer: z
      .number()
      .int()
      .optional()
      .describe('BUYER_LIMIT_REACHED: how many more this buyer may still reserve'),
    opensAt: z.string().optional().describe('WAITING_ROOM_NOT_OPEN: when visitors may join the queue'),
    missing: z
      .array(z.object({ path: z.string(), questionId: z.string().optional(), message: z.string() }))
      .optional()
      .describe('DETAILS_REQUIRED: every required answer still missing, with where it belongs'),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;
