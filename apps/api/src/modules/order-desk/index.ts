// The order desk: an order's timeline, resending its confirmation, correcting buyer and attendee
// details, and an event's email log. Owns no tables: it reads and changes them through the modules
// that own them (orders, tickets, payments, notifications, audit, checkin).
export { createOrderDeskService, type OrderDeskService } from './order-desk.service';
export { registerOrderDeskRoutes } from './order-desk.routes';
export { createTicketTransferService, type TicketTransferService } from './ticket-transfer.service';
