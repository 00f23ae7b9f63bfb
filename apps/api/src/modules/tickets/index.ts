// The tickets module: issues an order's tickets, voids them, signs their QR codes and renders them.
// Owns tables: tickets, ticket_transfers (it reads ticket_types' names and order in joins).
export { issueTickets } from './ticket-issuance';
export {
  findTicketById,
  findTicketsOfOrder,
  type TicketRow,
  listTransfersOfOrder,
  transferTicket,
  updateTicketAttendee,
  voidTicketsOfOrder,
} from './tickets.repository';
export { generateTicketCode, looksLikeQr, normalizeTicketCode } from './ticket-codes';
export { createTicketTokens, type TicketTokens } from './ticket-tokens';
export { createTicketSigner, type TicketSigner } from './ticket-qr';
export { renderTicketPdf, type TicketPdfInput } from './ticket-pdf';
export { registerTicketsRoutes, sendTicketPdf, type TicketCoverReader } from './tickets.routes';
