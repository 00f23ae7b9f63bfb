export type { EmailEvent, EmailOrder, EmailTicket, RenderedEmail } from './email-types';
export { escapeHtml, formatEventSchedule, formatEventStart, formatMoney } from './format';
export { renderEmail, type EmailFrame } from './layout';
export { buildCalendarFile, type CalendarFileInput } from './calendar';
export { renderOrderConfirmation, type OrderConfirmationInput } from './order-confirmation.email';
export { renderRefundNotice, type RefundNoticeInput } from './refund-notice.email';
export { renderEventCancelled, type EventCancelledInput } from './event-cancelled.email';
export { renderEventChanged, type EventChangedInput } from './event-changed.email';
export { describeReminderOffset, reminderLead, renderReminder, type ReminderInput } from './reminder.email';
export { renderLatePaymentRefunded, type LatePaymentRefundedInput } from './late-payment-refunded.email';
export { renderTeamInvitation, type TeamInvitationInput } from './team-invitation.email';
export { renderEmailVerification, type EmailVerificationInput } from './email-verification.email';
export { renderTicketPassedOn, renderTicketReceived } from './ticket-transfer.email';
export { renderEventMessage } from './event-message.email';
export { renderWebhookDisabled, type WebhookDisabledInput } from './webhook-disabled.email';
export { renderWaitlistJoined, renderWaitlistOffer } from './waitlist.email';
export { type AnalyticsSummaryInput, renderAnalyticsSummary } from './analytics-summary.email';
export {
  type BankTransferDetails,
  type BankTransferEmailInput,
  renderBankTransferDetails,
  renderBankTransferReminder,
} from './bank-transfer.email';
