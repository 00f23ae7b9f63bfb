import { type TFunction, translatorFor } from '@zevents/i18n';
import { languageOf, paragraph, sentence, strong, type Change } from './blocks';
import type { EmailEvent, EmailOrder, RenderedEmail } from './email-types';
import { formatEventSchedule } from './format';
import { renderEmail } from './layout';

export interface EventChangedInput {
  event: EmailEvent;
  order: EmailOrder;
  previous: { startsAt: Date; endsAt: Date; venue: string | null };
}

type What = 'time' | 'venue' | 'timeAndVenue' | 'details';

/**
 * Subject, preheader and opening sentence for what changed: whole sentences per case, since "new"
 * agrees with its noun in German, French and Spanish ("Neue Uhrzeit", "Neuer Ort").
 */
function textsOf(t: TFunction, what: What, title: string, organizer: string) {
  const intro = { organizer, title: strong('title') };
  switch (what) {
    case 'time':
      return {
        subject: t('email.changed.subjectTime', { title }),
        preheader: t('email.changed.preheaderTime', { organizer }),
        intro: t('email.changed.introTime', intro),
      };
    case 'venue':
      return {
        subject: t('email.changed.subjectVenue', { title }),
        preheader: t('email.changed.preheaderVenue', { organizer }),
        intro: t('email.changed.introVenue', intro),
      };
    case 'timeAndVenue':
      return {
        subject: t('email.changed.subjectTimeAndVenue', { title }),
        preheader: t('email.changed.preheaderTimeAndVenue', { organizer }),
        intro: t('email.changed.introTimeAndVenue', intro),
      };
    case 'details':
      return {
        subject: t('email.changed.subjectDetails', { title }),
        preheader: t('email.changed.preheaderDetails', { organizer }),
        intro: t('email.changed.introDetails', intro),
      };
  }
}

export function renderEventChanged({ event, order, previous }: EventChangedInput): Promise<RenderedEmail> {
  const language = languageOf(event);
  const t = translatorFor(language);
  const noVenue = t('email.common.toBeAnnounced');
  const isTimeChanged =
    previous.startsAt.getTime() !== event.startsAt.getTime() ||
    previous.endsAt.getTime() !== event.endsAt.getTime();
  const isVenueChanged = previous.venue !== event.venue;
  const what: What =
    isTimeChanged && isVenueChanged
      ? 'timeAndVenue'
      : isVenueChanged
        ? 'venue'
        : isTimeChanged
          ? 'time'
          : 'details';
  const texts = textsOf(t, what, event.title, event.organizationName);

  // The old time is shown in the event's current zone so both lines compare at a glance.
  const changes: Change[] = [
    {
      label: t('email.changed.dateAndTime'),
      before: formatEventSchedule({ ...previous, timezone: event.timezone }, language),
      after: formatEventSchedule(event, language),
    },
    { label: t('email.common.venue'), before: previous.venue ?? noVenue, after: event.venue ?? noVenue },
  ];

  return renderEmail({
    subject: texts.subject,
    preheader: texts.preheader,
    badge: { text: t('email.changed.badge'), tone: 'warning' },
    event,
    blocks: [
      paragraph(t('email.common.greeting', { name: order.buyerName })),
      paragraph(...sentence(texts.intro, { title: event.title })),
      { kind: 'changes', changes },
      {
        kind: 'notice',
        tone: 'info',
        title: t('email.changed.calendarTitle'),
        text: t('email.changed.calendarText'),
      },
      { kind: 'button', label: t('email.common.viewTickets'), href: order.url },
    ],
    reason: t('email.common.reasonHolder', { orderId: order.id, email: order.buyerEmail }),
  });
}
