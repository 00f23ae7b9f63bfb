import type { Language } from '@zevents/i18n';

/** What every message renderer returns; the sender adds recipients and attachments. */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export interface EmailEvent {
  id: string;
  title: string;
  venue: string | null;
  startsAt: Date;
  endsAt: Date;
  /** IANA zone the event happens in; every date in an email is shown in it, never in the server's. */
  timezone: string;
  organizationName: string;
  /** Public event page. */
  url: string;
  /** 'online' and 'hybrid' events are (also) attended through a link; absent: at the venue. */
  kind?: 'in_person' | 'online' | 'hybrid';
  /**
   * The join link of an online or hybrid event. Only the messages to ticket holders (confirmation,
   * reminder) show it, never one to a former buyer.
   */
  joinUrl?: string;
  /**
   * The language its organizer chose for the event's buyer emails (and PDF tickets); absent: English.
   * Organizer-only messages leave it out and so stay English.
   */
  language?: Language;
}

export interface EmailOrder {
  id: string;
  buyerName: string;
  buyerEmail: string;
  currency: string;
  subtotalCents: number;
  discountCents: number;
  /** The service fee the buyer paid (0: none, or the organizer absorbed it). */
  feeCents?: number;
  /** The tax of each rate, added on top of prices or included in them. */
  taxes?: Array<{ label: string; cents: number; inclusive: boolean }>;
  totalCents: number;
  refundedCents: number;
  items: Array<{ ticketTypeName: string; quantity: number; unitPriceCents: number }>;
  /** Order page, including its secret access token. */
  url: string;
}

export interface EmailTicket {
  id: string;
  code: string;
  ticketTypeName: string;
  attendeeName: string;
  pdfUrl: string;
}
