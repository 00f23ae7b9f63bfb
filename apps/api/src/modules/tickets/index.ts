// The tickets module: issues an order's tickets, voids them, signs their QR codes and renders them.
// Owns tables: tickets (it reads ticket_types' names and order in joins).
export { issueTickets } from './ticket-issuance';
export {
  findTicketById,
  findTicketsOfOrder,
  type TicketRow,
  updateTicketAttendee,
  voidTicketsOfOrder,
} from './tickets.repository';
export { looksLikeQr, normalizeTicketCode } from './ticket-codes';
export { createTicketSigner, type TicketSigner } from './ticket-qr';
export { renderTicketPdf, type TicketPdfInput } from './ticket-pdf';
export { createTicketPdfRenderer, type TicketPdfRenderer } from './ticket-pdf-pool';
export { registerTicketsRoutes } from './tickets.routes';
