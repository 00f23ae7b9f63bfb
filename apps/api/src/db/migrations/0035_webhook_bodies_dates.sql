-- Webhook bodies (0027) name the event date of an order and of a ticket (`dateId`, only on an event
-- with dates), like the API's Order and Ticket. Otherwise as 0027 wrote them.
CREATE OR REPLACE FUNCTION zevents_webhook_order(_order_id uuid) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'object', 'order', 'id', o.id, 'eventId', o.event_id, 'status', o.status::text,
    'buyer', jsonb_build_object('name', o.buyer_name, 'email', o.buyer_email),
    'currency', o.currency, 'subtotalCents', o.subtotal_cents, 'discountCents', o.discount_cents,
    'totalCents', o.total_cents, 'refundedCents', o.refunded_cents, 'paymentMethod', o.payment_method,
    'createdAt', o.created_at, 'expiresAt', o.expires_at, 'paidAt', o.paid_at, 'closedAt', o.closed_at,
    'items', COALESCE((SELECT jsonb_agg(jsonb_build_object('ticketTypeId', i.ticket_type_id,
        'ticketTypeName', tt.name, 'quantity', i.quantity, 'unitPriceCents', i.unit_price_cents)
        ORDER BY tt.sort_order, tt.name)
      FROM order_items i JOIN ticket_types tt ON tt.id = i.ticket_type_id WHERE i.order_id = o.id), '[]'::jsonb),
    'tickets', COALESCE((SELECT jsonb_agg(jsonb_build_object('id', t.id, 'ticketTypeId', t.ticket_type_id,
        'attendeeName', t.attendee_name, 'attendeeEmail', t.attendee_email, 'status', t.status::text)
        ORDER BY t.created_at, t.id)
      FROM tickets t WHERE t.order_id = o.id), '[]'::jsonb))
    || CASE WHEN o.date_id IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('dateId', o.date_id) END
  FROM orders o WHERE o.id = _order_id
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION zevents_webhook_ticket(_ticket_id uuid) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'object', 'ticket', 'id', t.id, 'orderId', t.order_id, 'eventId', t.event_id,
    'ticketTypeId', t.ticket_type_id, 'ticketTypeName', tt.name, 'attendeeName', t.attendee_name,
    'attendeeEmail', t.attendee_email, 'status', t.status::text, 'checkedInAt', t.checked_in_at,
    'transferredAt', t.transferred_at)
    || CASE WHEN t.date_id IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('dateId', t.date_id) END
  FROM tickets t JOIN ticket_types tt ON tt.id = t.ticket_type_id WHERE t.id = _ticket_id
$$;
