import { paragraph } from './blocks';
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

const ticketsOf = (quantity: number, typeName: string) =>
  `${quantity} × ${typeName}${quantity === 1 ? ' ticket' : ' tickets'}`;

/** To a buyer who joined a sold-out type's waiting list. */
export function renderWaitlistJoined(input: WaitlistJoinedInput): Promise<RenderedEmail> {
  const tickets = ticketsOf(input.quantity, input.ticketTypeName);
  return renderEmail({
    subject: `You are on the waiting list for ${input.event.title}`,
    preheader: `We will email you as soon as ${tickets} can be yours.`,
    badge: { text: 'On the waiting list', tone: 'info' },
    event: input.event,
    blocks: [
      paragraph(`Hi ${input.name},`),
      paragraph(
        'You are on the waiting list for ',
        { text: tickets, isStrong: true },
        '. When tickets come back, the people in line get them in turn: we hold them for you and email you a link to pay.',
      ),
      paragraph('Changed your mind? You can leave the list at any time.'),
      { kind: 'button', label: 'Leave the waiting list', href: input.leaveUrl },
    ],
    reason: `You are receiving this email because you joined the waiting list of ${input.event.title}.`,
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
  const tickets = ticketsOf(input.quantity, input.ticketTypeName);
  const deadline = formatUtcDeadline(input.expiresAt);
  return renderEmail({
    subject: `Your tickets for ${input.event.title} are waiting: pay before ${deadline}`,
    preheader: `${tickets} are held for you until ${deadline}.`,
    badge: { text: 'Tickets held for you', tone: 'success' },
    event: input.event,
    blocks: [
      paragraph(`Hi ${input.name},`),
      paragraph(
        'Good news: ',
        { text: tickets, isStrong: true },
        ` came back and are held for you until ${deadline}. After that they go to the next person in line.`,
      ),
      { kind: 'button', label: 'Pay for your tickets', href: input.checkoutUrl },
      paragraph('Not going after all? Decline, and the tickets pass to the next person at once.'),
      { kind: 'button', label: 'Decline the offer', href: input.declineUrl },
    ],
    reason: `You are receiving this email because you joined the waiting list of ${input.event.title}.`,
  });
}
