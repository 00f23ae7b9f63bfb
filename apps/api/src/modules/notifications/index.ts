// The notifications module: records emails in the outbox inside the caller's transaction, composes
// and sends them (send job), queues event reminders, and the development mailbox.
// Owns tables: emails. It reads event_reminders (the offsets organizers set, owned by events).
export { createNotifier, type Notifier } from './notifier';
