import { type TFunction, translatorFor } from '@zevents/i18n';
import { languageOf, paragraph, sentence, strong } from './blocks';
import type { EmailEvent, RenderedEmail } from './email-types';
import { formatUtcDeadline } from './format';
import { renderEmail } from './layout';

export interface WaitlistJoinedInput {
  event: EmailEvent;
  name: string;
  ticketTypeName: string;
  quantity: number;
  /** Where the buyer leaves the list. */
  leaveUrl: string;
}

const ticketsOf = (t: TFunction, quantity: number, type: string) =>
  t('email.waitlist.tickets', { count: quantity, type });

/** To a buyer who joined a sold-out type's waiting list. */
export function renderWaitlistJoined(input: WaitlistJoinedInput): Promise<RenderedEmail> {
  const t = translatorFor(languageOf(input.event));
  const tickets = ticketsOf(t, input.quantity, input.ticketTypeName);
  return renderEmail({
    subject: t('email.waitlist.joinedSubject', { title: input.event.title }),
    preheader: t('email.waitlist.joinedPreheader', { tickets }),
    badge: { text: t('email.waitlist.joinedBadge'), tone: 'info' },
    event: input.event,
    blocks: [
      paragraph(t('email.common.greeting', { name: input.name })),
      paragraph(...sentence(t('email.waitlist.joinedIntro', { tickets: strong('tickets') }), { tickets })),
      paragraph(t('email.waitlist.changedMind')),
      { kind: 'button', label: t('email.waitlist.leave'), href: input.leaveUrl },
    ],
    reason: t('email.waitlist.reason', { title: input.event.title }),
  });
}

export interface WaitlistOfferInput {
  event: EmailEvent;
  name: string;
  ticketTypeName: string;
  quantity: number;
  /** The checkout of the hold (its access token in the link). */
  checkoutUrl: string;
  expiresAt: Date;
  /** Where the buyer declines the offer (the tickets pass to the next in line at once). */
  declineUrl: string;
}

/** To the next in line: tickets are held for them until a deadline. */
export function renderWaitlistOffer(input: WaitlistOfferInput): Promise<RenderedEmail> {
  const language = languageOf(input.event);
  const t = translatorFor(language);
  const count = input.quantity;
  const tickets = ticketsOf(t, count, input.ticketTypeName);
  const deadline = formatUtcDeadline(input.expiresAt, language);
  return renderEmail({
    subject: t('email.waitlist.offerSubject', { title: input.event.title, deadline }),
    preheader: t('email.waitlist.offerPreheader', { count, tickets, deadline }),
    badge: { text: t('email.waitlist.offerBadge'), tone: 'success' },
    event: input.event,
    blocks: [
      paragraph(t('email.common.greeting', { name: input.name })),
      paragraph(
        ...sentence(t('email.waitlist.offerIntro', { count, tickets: strong('tickets'), deadline }), {
          tickets,
        }),
      ),
      { kind: 'button', label: t('email.waitlist.pay'), href: input.checkoutUrl },
      paragraph(t('email.waitlist.notGoing')),
      { kind: 'button', label: t('email.waitlist.decline'), href: input.declineUrl },
    ],
    reason: t('email.waitlist.reason', { title: input.event.title }),
  });
}
