import { translatorFor } from '@zevents/i18n';
import { languageOf } from './blocks';
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

/**
 * An organizer's message to the attendees of an event: the organizer's own words as written, in a
 * frame that speaks the event's language.
 */
export function renderEventMessage({
  event,
  subject,
  body,
  recipient,
}: EventMessageInput): Promise<RenderedEmail> {
  const t = translatorFor(languageOf(event));
  return renderEmail({
    subject,
    preheader: event.organizationName
      ? t('email.message.preheader', { organizer: event.organizationName, title: event.title })
      : t('email.message.preheaderNoOrganizer', { title: event.title }),
    badge: { text: t('email.message.badge'), tone: 'info' },
    event,
    blocks: [
      { kind: 'markdown', html: renderMarkdown(body), text: body },
      { kind: 'button', label: t('email.common.viewEvent'), href: event.url },
    ],
    reason: t('email.message.reason', { email: recipient, title: event.title }),
  });
}
