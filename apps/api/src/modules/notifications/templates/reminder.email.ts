import { INTL_LOCALES, type Language, translatorFor } from '@zevents/i18n';
import { eventDetails, joinOnline, languageOf, paragraph, sentence, strong } from './blocks';
import type { EmailEvent, EmailOrder, EmailTicket, RenderedEmail } from './email-types';
import { formatEventStart } from './format';
import { renderEmailWithSlots, slottedTickets } from './layout';

export interface ReminderInput {
  event: EmailEvent;
  order: EmailOrder;
  tickets: EmailTicket[];
  /** The reminder offset: how many minutes before the start it is meant to arrive. */
  offsetMinutes: number;
  /** How many minutes are really left when it goes out (the offset's wording is used when unknown). */
  minutesToStart?: number;
  /** To someone a ticket was passed on to: `order` then names the holder and links their ticket page. */
  isHolder?: boolean;
}

const HOUR = 60;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/**
 * "Tomorrow", "In 2 hours", "In 3 days", "In 45 minutes" ("Morgen", "In 2 Stunden"). Based on the
 * offset, not the clock, so a reminder that is caught up a little late still reads as the organizer
 * set it. Each unit's plural forms come from the catalog (French and Spanish have three).
 */
export function describeReminderOffset(offsetMinutes: number, language: Language = 'en'): string {
  const t = translatorFor(language);
  const minutes = Math.round(offsetMinutes);
  if (minutes <= 0) return t('email.reminder.startingNow');
  if (minutes % WEEK === 0) return t('email.reminder.inWeeks', { count: minutes / WEEK });
  if (minutes === DAY) return t('email.reminder.tomorrow');
  if (minutes % DAY === 0) return t('email.reminder.inDays', { count: minutes / DAY });
  if (minutes % HOUR === 0) return t('email.reminder.inHours', { count: minutes / HOUR });
  if (minutes < 3 * HOUR) return t('email.reminder.inMinutes', { count: minutes });
  if (minutes < 2 * DAY) return t('email.reminder.inAboutHours', { count: Math.round(minutes / HOUR) });
  return t('email.reminder.inAboutDays', { count: Math.round(minutes / DAY) });
}

/**
 * What the reminder says about when the event starts: the organizer's offset ("Tomorrow") while the
 * reminder goes out about on time, but the real time left when it was caught up late (after a worker
 * outage, say), so nobody reads "Tomorrow" about an event that starts in 30 minutes.
 */
export function reminderLead(
  offsetMinutes: number,
  minutesToStart?: number,
  language: Language = 'en',
): string {
  return describeReminderOffset(leadMinutes(offsetMinutes, minutesToStart), language);
}

/** The minutes `reminderLead` describes: the offset, or the real time left when sent late. */
function leadMinutes(offsetMinutes: number, minutesToStart?: number): number {
  if (minutesToStart === undefined) return offsetMinutes;
  const lateBy = offsetMinutes - minutesToStart;
  if (lateBy <= Math.max(15, offsetMinutes * 0.1)) return offsetMinutes;
  // Said the way a person would: to the minute under 5 minutes, in 5-minute steps up to 3 hours.
  const left =
    minutesToStart < 5
      ? Math.max(1, Math.round(minutesToStart))
      : minutesToStart < 3 * HOUR
        ? Math.round(minutesToStart / 5) * 5
        : minutesToStart;
  return left;
}

/** Sent in bulk (every order of an event at once), so compiled once per event and shape: see renderEmailWithSlots. */
export function renderReminder({
  event,
  order,
  tickets,
  offsetMinutes,
  minutesToStart,
  isHolder = false,
}: ReminderInput): Promise<RenderedEmail> {
  const language = languageOf(event);
  const t = translatorFor(language);
  const minutes = leadMinutes(offsetMinutes, minutesToStart);
  const when = describeReminderOffset(minutes, language);
  // Mid-sentence the phrase starts lower-case ("starts tomorrow", "beginnt in 2 Stunden"): in these
  // four languages that phrase never starts with a noun.
  const relative = when.charAt(0).toLocaleLowerCase(INTL_LOCALES[language]) + when.slice(1);
  const intro =
    Math.round(minutes) <= 0
      ? t('email.reminder.introNow', { title: strong('title') })
      : t('email.reminder.intro', { title: strong('title'), when: relative });
  const count = tickets.length;
  return renderEmailWithSlots((slot) => ({
    subject: t('email.reminder.subject', { when, title: event.title }),
    preheader: t('email.reminder.preheader', {
      count,
      title: event.title,
      start: formatEventStart(event, language),
    }),
    badge: { text: t('email.reminder.badge'), tone: 'info' },
    event,
    blocks: [
      paragraph(t('email.common.greeting', { name: slot(order.buyerName) })),
      paragraph(...sentence(intro, { title: event.title })),
      eventDetails(event),
      ...joinOnline(event),
      { kind: 'heading', text: t('email.common.yourTickets', { count }) },
      slottedTickets(tickets, slot),
      // Nobody scans a ticket at an online event.
      ...(event.kind === 'online'
        ? []
        : [
            {
              kind: 'notice' as const,
              tone: 'info' as const,
              title: t('email.reminder.doorTitle'),
              text: t('email.reminder.doorText'),
            },
          ]),
      {
        kind: 'button',
        label: isHolder ? t('email.common.viewTicket') : t('email.common.viewOrder'),
        href: slot(order.url, 'url'),
      },
    ],
    reason: isHolder
      ? t('email.reminder.reasonHolder', { email: slot(order.buyerEmail) })
      : t('email.reminder.reasonBuyer', { orderId: slot(order.id), email: slot(order.buyerEmail) }),
  }));
}
