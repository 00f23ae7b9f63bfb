// The orders module: reserves tickets (holds), expires and cancels holds, and records what paying
// and refunding do to an order; the order pages and the buyer's list of orders.
// Owns tables: orders, order_items, buyer_ticket_counts, hold_address_windows. It also moves the
// stock counters of ticket_types (sold, held) and promo code uses in its reserve and release
// statements, which must stay single statements.
export {
  closeCancelledEventHolds,
  countCancellationRefunds,
  createRefundCancelledOrderJob,
  queueCancellationRefunds,
} from './event-cancellation';
export { REFUND_CANCELLED_ORDER } from './orders.jobs';
export { cancelHolds, expireDueHolds, startHoldExpirySweeper } from './hold-expiry';
export { applyOrderRefund, hasBeenPaid, type OrderRefund, sellOrderStock } from './order-lifecycle';
export { createOrderTokens, type OrderTokens } from './order-tokens';
export { effectiveStatus } from './orders.presenter';
export {
  countOrdersByStatus,
  findOrder,
  findOrderItems,
  holdForWaitingList,
  markOrderPaid,
  moveBuyerEmail,
  type OrderRow,
  updateBillingDetails,
  updateBuyerName,
} from './orders.repository';
export { registerMyOrdersRoutes } from './my-orders.routes';
export { registerOrdersRoutes } from './orders.routes';
export { createOrdersService, type OrdersService } from './orders.service';
