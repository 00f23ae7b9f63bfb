// The notifications module: records emails in the outbox inside the caller's transaction, composes
// and sends them (send job), queues event reminders, and the development mailbox.
// Owns tables: emails. It reads event_reminders (the offsets organizers set, owned by events).
export { createEmailComposer, type EmailComposer } from './email-composer';
export { queueDueBankTransferReminders } from './bank-transfer-reminder.job';
export { createReminderJob } from './event-reminder.job';
export { registerMailboxRoutes } from './mailbox.routes';
export { createMailer, type Mailer } from './mailer';
export { SEND_EMAIL, SEND_REMINDERS } from './notifications.jobs';
export { createNotifier, type Notifier } from './notifier';
export {
  countEmailsByStatus,
  countMessageDeliveries,
  type EmailKind,
  type EmailRow,
  findEmail,
  findOrderIdsSentTo,
  listEmailsOfEvent,
  listEmailsOfOrder,
} from './outbox.repository';
export { createSendEmailJob } from './send-email.job';
