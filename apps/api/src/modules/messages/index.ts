// The messages module: organizers' messages to an event's attendees (Markdown, an audience, sent
// through the job queue exactly once). Owns tables: event_messages.
export { createMessagesService, loadEventMessage, type MessagesService } from './messages.service';
export { registerMessagesRoutes } from './messages.routes';
