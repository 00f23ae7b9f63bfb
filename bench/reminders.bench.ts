/**
 * Reminder throughput alone: the reminders part of bench/emails.bench.ts (BENCH_REMINDERS due
 * reminders delivered to a local SMTP server, each exactly once, beside raw nodemailer's rate),
 * kept under its old name.
 *
 *   npx tsx bench/reminders.bench.ts
 *   BENCH_REMINDERS=2000 DATABASE_URL=postgres://... npx tsx bench/reminders.bench.ts
 */
export {};

process.env.BENCH_ONLY ??= 'smtp,reminders';
// Its old setting's name still works.
if (process.env.BENCH_TICKETS) process.env.BENCH_REMINDERS ??= process.env.BENCH_TICKETS;
await import('./emails.bench');
