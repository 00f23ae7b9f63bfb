import type { EmailEvent, RenderedEmail } from './email-types';
import { renderEmail } from './layout';
import { renderMarkdown } from './markdown';

export interface EventMessageInput {
  event: EmailEvent;
  subject: string;
  /** Markdown from the organizer. */
  body: string;
  recipient: string;
}

/** An organizer's message to the attendees of an event. */
export function renderEventMessage({
  event,
  subject,
  body,
  recipient,
}: EventMessageInput): Promise<RenderedEmail> {
  return renderEmail({
    subject,
    preheader: `A message from ${event.organizationName || 'the organizer'} about ${event.title}.`,
    badge: { text: 'From the organizer', tone: 'info' },
    event,
    blocks: [
      { kind: 'markdown', html: renderMarkdown(body), text: body },
      { kind: 'button', label: 'View the event', href: event.url },
    ],
    reason: `You are receiving this email because ${recipient} holds a ticket for ${event.title}.`,
  });
}
