CREATE TABLE "webhook_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"webhook_id" uuid NOT NULL,
	"webhook_event_id" uuid NOT NULL,
	"resource_id" uuid NOT NULL,
	"seq" bigserial NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"lease_until" timestamp with time zone,
	"last_attempt_at" timestamp with time zone,
	"response_status" integer,
	"duration_ms" integer,
	"response_body" text,
	"error" text,
	"is_manual" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "webhook_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"seq" bigserial NOT NULL,
	"type" text NOT NULL,
	"resource_id" uuid NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhooks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"url" text NOT NULL,
	"description" text,
	"event_types" text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"secret" text NOT NULL,
	"failing_since" timestamp with time zone,
	"disabled_at" timestamp with time zone,
	"disabled_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_webhook_event_id_webhook_events_id_fk" FOREIGN KEY ("webhook_event_id") REFERENCES "public"."webhook_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhooks" ADD CONSTRAINT "webhooks_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "webhook_deliveries_webhook_idx" ON "webhook_deliveries" USING btree ("webhook_id","created_at");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_pending_idx" ON "webhook_deliveries" USING btree ("webhook_id","resource_id","seq") WHERE "webhook_deliveries"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries" USING btree ("next_attempt_at") WHERE "webhook_deliveries"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "webhook_events_organization_idx" ON "webhook_events" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "webhooks_organization_idx" ON "webhooks" USING btree ("organization_id","created_at");--> statement-breakpoint
-- What happened to orders, tickets and events reaches the webhooks module through these triggers,
-- in the transaction of the change itself: a webhook event exists exactly when its change
-- committed (invariant 6), and the hot statements (the reserve batch, the door's batched scans)
-- emit without a round trip or a line of code of their own. When no endpoint of any organization
-- wants a type, its trigger stops after one look at the (small) webhooks table.

-- The bodies: one shape per resource, the same wherever the change came from.
CREATE FUNCTION zevents_webhook_order(_order_id uuid) RETURNS jsonb
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
  FROM orders o WHERE o.id = _order_id
$$;
--> statement-breakpoint
CREATE FUNCTION zevents_webhook_ticket(_ticket_id uuid) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'object', 'ticket', 'id', t.id, 'orderId', t.order_id, 'eventId', t.event_id,
    'ticketTypeId', t.ticket_type_id, 'ticketTypeName', tt.name, 'attendeeName', t.attendee_name,
    'attendeeEmail', t.attendee_email, 'status', t.status::text, 'checkedInAt', t.checked_in_at,
    'transferredAt', t.transferred_at)
  FROM tickets t JOIN ticket_types tt ON tt.id = t.ticket_type_id WHERE t.id = _ticket_id
$$;
--> statement-breakpoint
CREATE FUNCTION zevents_webhook_event(_event_id uuid) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'object', 'event', 'id', e.id, 'organizationId', e.organization_id, 'slug', e.slug,
    'title', e.title, 'description', e.description, 'venue', e.venue, 'startsAt', e.starts_at,
    'endsAt', e.ends_at, 'timezone', e.timezone, 'currency', e.currency, 'status', e.status::text,
    'updatedAt', e.updated_at)
  FROM events e WHERE e.id = _event_id
$$;
--> statement-breakpoint
-- Records one webhook event per (type, resource) of `_changes` whose organization has an active
-- endpoint that wants the type, and one pending delivery per such endpoint.
CREATE FUNCTION zevents_emit_webhooks(_changes jsonb) RETURNS void
LANGUAGE sql VOLATILE AS $$
  WITH changes AS (
    SELECT (c->>'organizationId')::uuid AS organization_id, c->>'type' AS type,
           (c->>'resourceId')::uuid AS resource_id, c->'data' AS data, n
    FROM jsonb_array_elements(_changes) WITH ORDINALITY AS x(c, n)
  ), wanted AS (
    SELECT c.* FROM changes c
    WHERE EXISTS (SELECT 1 FROM webhooks w WHERE w.organization_id = c.organization_id AND w.active
                  AND c.type = ANY (w.event_types))
    ORDER BY c.n
  ), recorded AS (
    INSERT INTO webhook_events (organization_id, type, resource_id, data)
    SELECT organization_id, type, resource_id, data FROM wanted
    RETURNING id, seq, organization_id, type, resource_id
  )
  INSERT INTO webhook_deliveries (organization_id, webhook_id, webhook_event_id, resource_id)
  SELECT r.organization_id, w.id, r.id, r.resource_id
  FROM recorded r JOIN webhooks w
    ON w.organization_id = r.organization_id AND w.active AND r.type = ANY (w.event_types)
  ORDER BY r.seq, w.id
$$;
--> statement-breakpoint
CREATE FUNCTION zevents_anyone_wants(_types text[]) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM webhooks WHERE active AND event_types && _types)
$$;
--> statement-breakpoint
-- order.created, once per order: every path writes an order's items with one INSERT.
CREATE FUNCTION zevents_webhooks_order_items_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT zevents_anyone_wants(ARRAY['order.created']) THEN RETURN NULL; END IF;
  PERFORM zevents_emit_webhooks(COALESCE(jsonb_agg(x.change ORDER BY x.created_at, x.id), '[]'::jsonb))
  FROM (
    SELECT o.id, o.created_at, jsonb_build_object('organizationId', e.organization_id, 'type', 'order.created',
             'resourceId', o.id, 'data', zevents_webhook_order(o.id)) AS change
    FROM (SELECT DISTINCT order_id FROM new_items) n
    JOIN orders o ON o.id = n.order_id
    JOIN events e ON e.id = o.event_id
  ) x;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER webhooks_order_items_inserted AFTER INSERT ON order_items
REFERENCING NEW TABLE AS new_items FOR EACH STATEMENT EXECUTE FUNCTION zevents_webhooks_order_items_inserted();
--> statement-breakpoint
-- order.paid for an order born paid (comp and cash at the box office: inserted paid, never updated to
-- it), once its tickets exist, so that its body lists them like every other order.paid.
CREATE FUNCTION zevents_webhooks_tickets_inserted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT zevents_anyone_wants(ARRAY['order.paid']) THEN RETURN NULL; END IF;
  PERFORM zevents_emit_webhooks(COALESCE(jsonb_agg(x.change ORDER BY x.id), '[]'::jsonb))
  FROM (
    SELECT o.id, jsonb_build_object('organizationId', e.organization_id, 'type', 'order.paid',
             'resourceId', o.id, 'data', zevents_webhook_order(o.id)) AS change
    FROM (SELECT DISTINCT order_id FROM new_tickets) n
    JOIN orders o ON o.id = n.order_id
    JOIN events e ON e.id = o.event_id
    WHERE o.status = 'paid' AND o.payment_method IS NOT NULL AND o.paid_at = o.created_at
  ) x;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER webhooks_tickets_inserted AFTER INSERT ON tickets
REFERENCING NEW TABLE AS new_tickets FOR EACH STATEMENT EXECUTE FUNCTION zevents_webhooks_tickets_inserted();
--> statement-breakpoint
-- order.paid, order.refunded (with the amount this refund added), order.cancelled, order.expired.
CREATE FUNCTION zevents_webhooks_orders_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT zevents_anyone_wants(ARRAY['order.paid', 'order.refunded', 'order.cancelled', 'order.expired'])
  THEN RETURN NULL; END IF;
  PERFORM zevents_emit_webhooks(COALESCE(jsonb_agg(x.change ORDER BY x.id), '[]'::jsonb))
  FROM (
    SELECT n.id, jsonb_build_object('organizationId', e.organization_id, 'type', t.type, 'resourceId', n.id,
             'data', CASE WHEN t.type = 'order.refunded'
               THEN zevents_webhook_order(n.id) || jsonb_build_object('refund',
                 jsonb_build_object('amountCents', n.refunded_cents - o.refunded_cents,
                                    'isFull', n.status = 'refunded'))
               ELSE zevents_webhook_order(n.id) END) AS change
    FROM new_orders n JOIN old_orders o ON o.id = n.id
    JOIN events e ON e.id = n.event_id
    CROSS JOIN LATERAL (SELECT CASE
      WHEN n.status = 'paid' AND o.status <> 'paid' THEN 'order.paid'
      WHEN n.refunded_cents > o.refunded_cents THEN 'order.refunded'
      WHEN n.status = 'cancelled' AND o.status <> 'cancelled' THEN 'order.cancelled'
      WHEN n.status = 'expired' AND o.status <> 'expired' THEN 'order.expired'
    END AS type) t
    WHERE t.type IS NOT NULL
  ) x;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER webhooks_orders_updated AFTER UPDATE ON orders
REFERENCING OLD TABLE AS old_orders NEW TABLE AS new_orders FOR EACH STATEMENT EXECUTE FUNCTION zevents_webhooks_orders_updated();
--> statement-breakpoint
-- ticket.checked_in (the first scan; an undo and a new scan is a new arrival) and ticket.transferred.
CREATE FUNCTION zevents_webhooks_tickets_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF NOT zevents_anyone_wants(ARRAY['ticket.checked_in', 'ticket.transferred']) THEN RETURN NULL; END IF;
  PERFORM zevents_emit_webhooks(COALESCE(jsonb_agg(x.change ORDER BY x.at, x.id), '[]'::jsonb))
  FROM (
    SELECT n.id, COALESCE(n.checked_in_at, n.transferred_at) AS at,
           jsonb_build_object('organizationId', e.organization_id, 'type', t.type, 'resourceId', n.id,
             'data', zevents_webhook_ticket(n.id)) AS change
    FROM new_tickets n JOIN old_tickets o ON o.id = n.id
    JOIN events e ON e.id = n.event_id
    CROSS JOIN LATERAL (SELECT CASE
      WHEN n.checked_in_at IS NOT NULL AND o.checked_in_at IS NULL THEN 'ticket.checked_in'
      WHEN n.transferred_at IS NOT NULL AND n.transferred_at IS DISTINCT FROM o.transferred_at
        THEN 'ticket.transferred'
    END AS type) t
    WHERE t.type IS NOT NULL
  ) x;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER webhooks_tickets_updated AFTER UPDATE ON tickets
REFERENCING OLD TABLE AS old_tickets NEW TABLE AS new_tickets FOR EACH STATEMENT EXECUTE FUNCTION zevents_webhooks_tickets_updated();
--> statement-breakpoint
-- event.published, event.cancelled, event.updated (any change an attendee or a system could care
-- about: everything but the row's own updated_at).
CREATE FUNCTION zevents_webhooks_events_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE _type text;
BEGIN
  IF NEW.status <> OLD.status AND NEW.status = 'published' THEN _type := 'event.published';
  ELSIF NEW.status <> OLD.status AND NEW.status = 'cancelled' THEN _type := 'event.cancelled';
  ELSIF (to_jsonb(NEW) - 'updated_at') <> (to_jsonb(OLD) - 'updated_at') THEN _type := 'event.updated';
  ELSE RETURN NULL;
  END IF;
  IF NOT zevents_anyone_wants(ARRAY[_type]) THEN RETURN NULL; END IF;
  PERFORM zevents_emit_webhooks(jsonb_build_array(jsonb_build_object('organizationId', NEW.organization_id,
    'type', _type, 'resourceId', NEW.id, 'data', zevents_webhook_event(NEW.id))));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER webhooks_events_updated AFTER UPDATE ON events
FOR EACH ROW EXECUTE FUNCTION zevents_webhooks_events_updated();
