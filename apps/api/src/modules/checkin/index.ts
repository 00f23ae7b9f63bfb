/**
 * Check-in module: the door (scan, undo) and the organizer's attendee and order lists.
 * Owns tables: check_ins; it moves a ticket between `valid` and `checked_in` in the same statement
 * that logs the scan, and reads tickets and orders for the lists.
 */
export { type CheckinService, createCheckinService } from './checkin.service';
export { createEventListsService, type EventListsService } from './event-lists.service';
export { listDoorActionsOfTickets } from './checkin.repository';
