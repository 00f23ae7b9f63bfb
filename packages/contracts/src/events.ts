import { z } from 'zod';
import { Cents, Currency, page, PageQuery, TimeZone, Timestamp } from './common';
import { ImageView } from './media';
import { WaitingRoomSettings } from './waiting-room';

export const EventStatus = z.enum(['draft', 'published', 'cancelled']);
export type EventStatus = z.infer<typeof EventStatus>;

// Events happen within a sane span; anything outside is a typo (year 20205) rather than a plan.
const EARLIEST = Date.parse('2000-01-01T00:00:00Z');
const LATEST = Date.parse('2100-01-01T00:00:00Z');
export const EventTime = Timestamp.refine((value) => {
  const ms = Date.parse(value);
  return ms >= EARLIEST && ms < LATEST;
}, 'must be between the years 2000 and 2099');

const MAX_EVENT_DAYS = 366;

/** Live holds + paid tickets one buyer email may have for an event (hold hoarding); default 10. */
export const DEFAULT_MAX_TICKETS_PER_BUYER = 10;
const MaxTicketsPerBuyer = z
  .number()
  .int()
  .min(1)
  .max(100_000)
  .describe(
    'The most tickets (live holds + paid) one buyer email may have for this event; ' +
      `default ${DEFAULT_MAX_TICKETS_PER_BUYER}. More answers 422 BUYER_LIMIT_REACHED`,
  );

/** What the storefront filters by (a fixed list, so a filter finds every event of its kind). */
export const EventCategory = z
  .enum([
    'music',
    'conference',
    'workshop',
    'sports',
    'arts',
    'food',
    'community',
    'business',
    'education',
    'festival',
    'other',
  ])
  .meta({ id: 'EventCategory' });
export type EventCategory = z.infer<typeof EventCategory>;

/** `online`: the join link (`onlineUrl`) is shown to ticket holders only; `hybrid`: a venue and a link. */
export const EventKind = z.enum(['in_person', 'online', 'hybrid']).meta({ id: 'EventKind' });
export type EventKind = z.infer<typeof EventKind>;

/** The languages the buyer-facing pages, emails and PDF tickets speak. */
export const EventLanguage = z.enum(['en', 'de', 'fr', 'es']).meta({ id: 'EventLanguage' });
export type EventLanguage = z.infer<typeof EventLanguage>;

/** The join link of an online or hybrid event: a web address, shown to ticket holders only. */
export const OnlineUrl = z
  .url({ protocol: /^https?$/, hostname: z.regexes.domain })
  .max(500)
  .meta({ example: 'https://meet.example.com/launch-party' });

const eventFields = {
  title: z.string().trim().min(1).max(200),
  description: z.string().max(20_000).nullable().optional(),
  venue: z.string().trim().max(300).nullable().optional(),
  startsAt: EventTime,
  endsAt: EventTime,
  timezone: TimeZone,
  currency: Currency,
  maxTicketsPerBuyer: MaxTicketsPerBuyer.optional(),
  waitingRoom: WaitingRoomSettings.nullable()
    .optional()
    .describe('The fair virtual waiting room in front of the sale; null removes it'),
  attendeeNames: z
    .boolean()
    .optional()
    .describe('Ask a name for every ticket between hold and payment (default false)'),
  attendeeEmails: z
    .boolean()
    .optional()
    .describe('Ask an email for every ticket between hold and payment (default false)'),
  transferDeadlineHours: z
    .number()
    .int()
    .min(0)
    .max(8_760)
    .nullable()
    .optional()
    .describe(
      'Buyers may transfer tickets and change attendee names until this many hours before the start ' +
        '(default 0: until the start); null: only organizers may',
    ),
  category: EventCategory.nullable().optional().describe('What the storefront files it under; null: none'),
  kind: EventKind.optional().describe('in_person (default), online or hybrid'),
  onlineUrl: OnlineUrl.nullable()
    .optional()
    .describe(
      'The join link of an online or hybrid event, shown only to ticket holders (paid orders); ' +
        'may stay empty while drafting, required to publish: 422 ONLINE_URL_REQUIRED',
    ),
  city: z
    .string()
    .trim()
    .max(100)
    .nullable()
    .optional()
    .describe('Where it happens, for the location filter'),
  language: EventLanguage.optional().describe('The language of its emails and tickets (default en)'),
};

/** The service fee of an event's orders: shown to buyers as its own line when passed on. */
export const EventFee = z
  .object({
    fixedCents: Cents.describe('Per order, in minor units'),
    percentBasisPoints: z
      .number()
      .int()
      .min(0)
      .max(10_000)
      .describe('Of the order after discount: 250 = 2.5%'),
    passedOn: z.boolean().describe('true: the buyer pays it on top; false: the organizer absorbs it'),
  })
  .strict()
  .meta({ id: 'EventFee' });
export type EventFee = z.infer<typeof EventFee>;

/** Bank transfer as a payment method: the buyer gets these details and a reference, the organizer marks it paid. */
export const DEFAULT_BANK_TRANSFER_DEADLINE_DAYS = 7;
export const BankTransferSettings = z
  .object({
    enabled: z.boolean().describe('Offer bank transfer at checkout'),
    instructions: z
      .string()
      .trim()
      .max(2_000)
      .describe('What the buyer needs to transfer: IBAN, BIC, account holder'),
    deadlineDays: z
      .number()
      .int()
      .min(1)
      .max(30)
      .describe(
        `Days the buyer has to transfer, tickets held meanwhile (default ${DEFAULT_BANK_TRANSFER_DEADLINE_DAYS})`,
      ),
  })
  .strict()
  .meta({ id: 'BankTransferSettings' });
export type BankTransferSettings = z.infer<typeof BankTransferSettings>;

/** The setting as sent: the deadline may be left to its default; instructions are required to enable it. */
export const BankTransferSettingsInput = BankTransferSettings.extend({
  deadlineDays: BankTransferSettings.shape.deadlineDays.optional(),
})
  .strict()
  .superRefine((value, ctx) => {
    if (value.enabled && value.instructions.length === 0)
      ctx.addIssue({ code: 'custom', path: ['instructions'], message: 'required to offer bank transfer' });
  })
  .meta({ id: 'BankTransferSettingsInput' });
export type BankTransferSettingsInput = z.infer<typeof BankTransferSettingsInput>;

export const CreateEventBody = z
  .object({ ...eventFields, fee: EventFee.optional().describe('Default: no fee') })
  .strict()
  .superRefine((body, ctx) => {
    const starts = Date.parse(body.startsAt);
    const ends = Date.parse(body.endsAt);
    if (ends <= starts) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
    else if (ends - starts > MAX_EVENT_DAYS * 86_400_000)
      ctx.addIssue({
        code: 'custom',
        path: ['endsAt'],
        message: `an event lasts at most ${MAX_EVENT_DAYS} days`,
      });
  })
  .meta({ id: 'CreateEventBody' });
export type CreateEventBody = z.infer<typeof CreateEventBody>;

/** Any of the create fields; the merged result is validated again against the stored event. */
export const UpdateEventBody = z
  .object({
    title: eventFields.title.optional(),
    description: eventFields.description,
    venue: eventFields.venue,
    startsAt: EventTime.optional(),
    endsAt: EventTime.optional(),
    timezone: TimeZone.optional(),
    currency: Currency.optional(),
    maxTicketsPerBuyer: MaxTicketsPerBuyer.optional(),
    waitingRoom: eventFields.waitingRoom,
    attendeeNames: eventFields.attendeeNames,
    attendeeEmails: eventFields.attendeeEmails,
    transferDeadlineHours: eventFields.transferDeadlineHours,
    category: eventFields.category,
    kind: eventFields.kind,
    onlineUrl: eventFields.onlineUrl,
    city: eventFields.city,
    language: eventFields.language,
    waitlistOfferHours: z
      .number()
      .int()
      .min(1)
      .max(336)
      .optional()
      .describe('How long a waiting-list offer holds its tickets, in hours (default 24)'),
    fee: EventFee.optional().describe('The service fee of orders from now on'),
    bankTransfer: BankTransferSettingsInput.nullable()
      .optional()
      .describe('Bank transfer as a payment method; null removes it'),
  })
  .strict()
  .meta({ id: 'UpdateEventBody' });
export type UpdateEventBody = z.infer<typeof UpdateEventBody>;

export const EVENT_MAX_DAYS = MAX_EVENT_DAYS;

/** `hidden`: only buyers with a code that unlocks it see and buy it (guest lists, sponsors, presales). */
export const TicketTypeVisibility = z
  .enum(['public', 'hidden'])
  .describe(
    'hidden: left off the public page and refused at checkout unless the buyer brings a code that unlocks ' +
      "it: the type's accessCode, or an active promo code naming it",
  );
export type TicketTypeVisibility = z.infer<typeof TicketTypeVisibility>;

/** A code a buyer types or follows in a link: letters, digits, dash and underscore, any letter case. */
export const AccessCodeString = z
  .string()
  .trim()
  .min(2)
  .max(40)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, dash and underscore only');

export const TicketType = z
  .object({
    id: z.string(),
    eventId: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    priceCents: z.number().int(),
    capacity: z.number().int(),
    sold: z.number().int(),
    held: z.number().int(),
    available: z.number().int(),
    salesStartAt: z.string().nullable(),
    salesEndAt: z.string().nullable(),
    minPerOrder: z.number().int(),
    maxPerOrder: z.number().int(),
    visibility: TicketTypeVisibility,
    accessCode: z
      .string()
      .nullable()
      .describe('The code that unlocks this type when hidden (`?code=` on the event page)'),
    waitlistEnabled: z.boolean().optional().describe('Sold out, buyers may join its waiting list'),
    taxRateId: z.string().optional().describe('The tax its price carries; absent: untaxed'),
  })
  .meta({ id: 'TicketType' });
export type TicketType = z.infer<typeof TicketType>;

export const Event = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    slug: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    venue: z.string().nullable(),
    startsAt: z.string(),
    endsAt: z.string(),
    timezone: z.string(),
    currency: z.string(),
    status: EventStatus,
    maxTicketsPerBuyer: z.number().int(),
    waitingRoom: WaitingRoomSettings.nullable(),
    attendeeNames: z.boolean().describe('Every ticket carries its attendee name, asked before payment'),
    attendeeEmails: z.boolean().describe('Every ticket carries its attendee email, asked before payment'),
    transferDeadlineHours: z
      .number()
      .int()
      .nullable()
      .describe('Hours before the start until which buyers may transfer; null: organizers only'),
    waitlistOfferHours: z.number().int().optional().describe('How long a waiting-list offer holds'),
    fee: EventFee.optional().describe('The service fee of its orders; absent: none'),
    bankTransfer: BankTransferSettings.optional().describe(
      'Bank transfer as a payment method; absent: never set',
    ),
    ticketTypes: z.array(TicketType).optional(),
    /**
     * Organizer views: paid orders of a cancelled event still waiting for their refund (refunds run in
     * the background after the cancellation); 0 for any other event.
     */
    refundsPending: z.number().int().min(0).optional(),
    /** Organizer views: orders of a cancelled event refunded since its cancellation (progress beside refundsPending). */
    refundsDone: z.number().int().min(0).optional(),
    cover: ImageView.optional().describe('The cover image (PUT /api/events/{eventId}/cover)'),
    category: EventCategory.nullable(),
    kind: EventKind,
    onlineUrl: z.string().nullable().describe('The join link; the public catalogue never shows it'),
    city: z.string().nullable(),
    language: EventLanguage,
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Event' });
export type Event = z.infer<typeof Event>;

/** The organizer's list: newest created first (default), or by event date (latest first). */
export const OrganizationEventsQuery = PageQuery.extend({
  // Any other value is ignored like an unknown parameter (the default order), never a 400.
  sort: z
    .string()
    .max(100)
    .optional()
    .describe('created (default): newest created first; startsAt: latest event date first'),
});
export type OrganizationEventsQuery = z.infer<typeof OrganizationEventsQuery>;

export const EventList = z
  .object({ items: z.array(Event), nextCursor: z.string().nullable() })
  .meta({ id: 'EventList' });

const PER_ORDER_LIMIT = 100;
const ticketTypeFields = {
  name: z.string().trim().min(1).max(100),
  description: z.string().max(2_000).nullable().optional(),
  priceCents: Cents,
  capacity: z.number().int().min(0).max(1_000_000),
  salesStartAt: EventTime.nullable().optional(),
  salesEndAt: EventTime.nullable().optional(),
  minPerOrder: z.number().int().min(1).max(PER_ORDER_LIMIT).optional(),
  maxPerOrder: z.number().int().min(1).max(PER_ORDER_LIMIT).optional(),
  visibility: TicketTypeVisibility.optional().describe('public (default) or hidden'),
  accessCode: AccessCodeString.nullable()
    .optional()
    .describe('Unlocks the type when hidden; compared case-insensitively'),
  taxRateId: z
    .uuid()
    .nullable()
    .optional()
    .describe(
      'A tax rate of the organization (POST /api/organizations/{orgId}/tax-rates); null: untaxed. ' +
        '422 TAX_RATE_NOT_IN_ORGANIZATION for another one, 422 TAX_RATE_RETIRED for a retired one',
    ),
};

function checkTicketTypeRules(
  body: {
    salesStartAt?: string | null;
    salesEndAt?: string | null;
    minPerOrder?: number;
    maxPerOrder?: number;
  },
  ctx: z.RefinementCtx,
): void {
  if (body.salesStartAt && body.salesEndAt && Date.parse(body.salesEndAt) <= Date.parse(body.salesStartAt))
    ctx.addIssue({ code: 'custom', path: ['salesEndAt'], message: 'must be after salesStartAt' });
  if (body.minPerOrder !== undefined && body.maxPerOrder !== undefined && body.minPerOrder > body.maxPerOrder)
    ctx.addIssue({ code: 'custom', path: ['maxPerOrder'], message: 'must be at least minPerOrder' });
}

export const CreateTicketTypeBody = z
  .object(ticketTypeFields)
  .strict()
  .superRefine(checkTicketTypeRules)
  .meta({ id: 'CreateTicketTypeBody' });
export type CreateTicketTypeBody = z.infer<typeof CreateTicketTypeBody>;

export const UpdateTicketTypeBody = z
  .object({
    ...ticketTypeFields,
    name: ticketTypeFields.name.optional(),
    priceCents: ticketTypeFields.priceCents.optional(),
    capacity: ticketTypeFields.capacity.optional(),
    waitlistEnabled: z.boolean().optional().describe('Offer a waiting list when sold out (default true)'),
  })
  .strict()
  .superRefine(checkTicketTypeRules)
  .meta({ id: 'UpdateTicketTypeBody' });
export type UpdateTicketTypeBody = z.infer<typeof UpdateTicketTypeBody>;

export const PromoCodeString = AccessCodeString;

const discountFields = {
  percentOff: z.number().int().min(1).max(100),
  amountOffCents: z.number().int().min(1).max(100_000_000),
};

export const CreatePromoCodeBody = z
  .object({
    code: PromoCodeString,
    percentOff: discountFields.percentOff.optional(),
    amountOffCents: discountFields.amountOffCents.optional(),
    maxUses: z.number().int().min(1).max(1_000_000).optional(),
    validFrom: EventTime.optional(),
    validUntil: EventTime.optional(),
    ticketTypeIds: z.array(z.string().max(100)).max(100).optional(),
  })
  .strict()
  .superRefine((body, ctx) => {
    if ((body.percentOff === undefined) === (body.amountOffCents === undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['percentOff'],
        message: 'give exactly one of percentOff and amountOffCents',
      });
    if (body.validFrom && body.validUntil && Date.parse(body.validUntil) <= Date.parse(body.validFrom))
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'must be after validFrom' });
  })
  .meta({ id: 'CreatePromoCodeBody' });
export type CreatePromoCodeBody = z.infer<typeof CreatePromoCodeBody>;

/**
 * An edit of a promo code. The code text is immutable: buyers, newsletters and printed flyers
 * already carry it. Giving one discount kind replaces the other. `active` switches the code off or
 * on and nothing else: the validity window stays as set, so a code reactivated before its window
 * ends works again until the same end. Edits apply to new reservations only: an order keeps the
 * discount it was priced with, also when it is paid after the code was deactivated.
 */
export const UpdatePromoCodeBody = z
  .object({
    percentOff: discountFields.percentOff.optional(),
    amountOffCents: discountFields.amountOffCents.optional(),
    maxUses: z.number().int().min(1).max(1_000_000).nullable().optional(),
    validFrom: EventTime.nullable().optional(),
    validUntil: EventTime.nullable().optional(),
    ticketTypeIds: z.array(z.string().max(100)).max(100).optional(),
    active: z
      .boolean()
      .optional()
      .describe('False: new orders cannot use the code; true: they can again. The window is kept'),
  })
  .strict()
  .superRefine((body, ctx) => {
    if (body.percentOff !== undefined && body.amountOffCents !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['percentOff'],
        message: 'give at most one of percentOff and amountOffCents',
      });
    if (body.validFrom && body.validUntil && Date.parse(body.validUntil) <= Date.parse(body.validFrom))
      ctx.addIssue({ code: 'custom', path: ['validUntil'], message: 'must be after validFrom' });
  })
  .meta({ id: 'UpdatePromoCodeBody' });
export type UpdatePromoCodeBody = z.infer<typeof UpdatePromoCodeBody>;

export const PromoCode = z
  .object({
    id: z.string(),
    eventId: z.string(),
    code: z.string(),
    percentOff: z.number().int().nullable(),
    amountOffCents: z.number().int().nullable(),
    maxUses: z.number().int().nullable(),
    uses: z.number().int(),
    validFrom: z.string().nullable(),
    validUntil: z.string().nullable(),
    ticketTypeIds: z.array(z.string()),
    isActive: z
      .boolean()
      .describe(
        'False once the organizer deactivated it: new orders cannot use it, whatever its window says',
      ),
    createdAt: z.string(),
  })
  .meta({ id: 'PromoCode' });
export type PromoCode = z.infer<typeof PromoCode>;

export const PromoCodeList = page(PromoCode).meta({ id: 'PromoCodeList' });

/** Reminders go out this many minutes before the event starts; at most 60 days ahead. */
export const CreateReminderBody = z
  .object({
    offsetMinutes: z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 60),
  })
  .strict()
  .meta({ id: 'CreateReminderBody' });
export type CreateReminderBody = z.infer<typeof CreateReminderBody>;

export const Reminder = z
  .object({ eventId: z.string(), offsetMinutes: z.number().int() })
  .meta({ id: 'Reminder' });
export type Reminder = z.infer<typeof Reminder>;
export const ReminderList = z
  .object({ items: z.array(Reminder), nextCursor: z.string().nullable() })
  .meta({ id: 'ReminderList' });

export const DEFAULT_REMINDER_OFFSETS = [1440, 120] as const;
