CREATE TABLE "analytics_sales_hourly" (
	"event_id" uuid NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"online" boolean NOT NULL,
	"source" text NOT NULL,
	"orders" integer DEFAULT 0 NOT NULL,
	"tickets" integer DEFAULT 0 NOT NULL,
	"revenue_cents" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "analytics_sales_hourly_event_id_hour_online_source_pk" PRIMARY KEY("event_id","hour","online","source")
);
--> statement-breakpoint
ALTER TABLE "analytics_sales_hourly" ADD CONSTRAINT "analytics_sales_hourly_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Sales rollups (the analytics module's): an order counts from its payment on, in the hour it was
-- paid, whatever happens to it later (a refund lowers its revenue, never its count). Each trigger is
-- statement-level with transition tables: one upsert per statement, whatever its size, in the
-- transaction of the change, so the rollup can never disagree with the orders.
CREATE FUNCTION zevents_analytics_counted(_status order_status, _paid_at timestamptz) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT _paid_at IS NOT NULL AND _status IN ('paid', 'partially_refunded', 'refunded')
$$;
--> statement-breakpoint
CREATE FUNCTION zevents_analytics_add_sales(_changes jsonb) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO analytics_sales_hourly AS a (event_id, hour, online, source, orders, tickets, revenue_cents)
  SELECT (c->>'event_id')::uuid, date_trunc('hour', (c->>'paid_at')::timestamptz, 'UTC'), (c->>'online')::boolean,
         coalesce((SELECT s.source FROM order_sources s WHERE s.order_id = (c->>'order_id')::uuid), ''),
         sum((c->>'orders')::int), sum((c->>'tickets')::int), sum((c->>'revenue')::bigint)
  FROM jsonb_array_elements(_changes) c
  GROUP BY 1, 2, 3, 4
  HAVING sum((c->>'orders')::int) <> 0 OR sum((c->>'tickets')::int) <> 0 OR sum((c->>'revenue')::bigint) <> 0
  ON CONFLICT (event_id, hour, online, source) DO UPDATE
    SET orders = a.orders + excluded.orders, tickets = a.tickets + excluded.tickets,
        revenue_cents = a.revenue_cents + excluded.revenue_cents
$$;
--> statement-breakpoint
CREATE FUNCTION zevents_analytics_orders_updated() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE _changes jsonb;
BEGIN
  SELECT jsonb_agg(jsonb_build_object(
           'order_id', n.id, 'event_id', n.event_id, 'paid_at', coalesce(n.paid_at, o.paid_at),
           'online', n.payment_method IS NULL,
           'orders', zevents_analytics_counted(n.status, n.paid_at)::int - zevents_analytics_counted(o.status, o.paid_at)::int,
           'tickets', (zevents_analytics_counted(n.status, n.paid_at)::int - zevents_analytics_counted(o.status, o.paid_at)::int)
                      * (SELECT coalesce(sum(i.quantity), 0) FROM order_items i WHERE i.order_id = n.id),
           'revenue', CASE WHEN zevents_analytics_counted(n.status, n.paid_at) THEN n.total_cents - n.refunded_cents ELSE 0 END
                      - CASE WHEN zevents_analytics_counted(o.status, o.paid_at) THEN o.total_cents - o.refunded_cents ELSE 0 END))
  INTO _changes
  FROM new_orders n JOIN old_orders o ON o.id = n.id
  WHERE zevents_analytics_counted(n.status, n.paid_at) OR zevents_analytics_counted(o.status, o.paid_at);
  IF _changes IS NOT NULL THEN PERFORM zevents_analytics_add_sales(_changes); END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- An order born paid (the box office): counted at commit, by when its items exist (they are inserted
-- after it). A row trigger whose WHEN no hold meets: the reserve batch's inserts queue nothing.
CREATE FUNCTION zevents_analytics_order_born_paid() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM zevents_analytics_add_sales(jsonb_build_array(jsonb_build_object(
    'order_id', NEW.id, 'event_id', NEW.event_id, 'paid_at', NEW.paid_at, 'online', NEW.payment_method IS NULL,
    'orders', 1, 'tickets', (SELECT coalesce(sum(i.quantity), 0) FROM order_items i WHERE i.order_id = NEW.id),
    'revenue', NEW.total_cents - NEW.refunded_cents)));
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER analytics_orders_updated AFTER UPDATE ON orders
REFERENCING OLD TABLE AS old_orders NEW TABLE AS new_orders FOR EACH STATEMENT
EXECUTE FUNCTION zevents_analytics_orders_updated();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER analytics_orders_born_paid AFTER INSERT ON orders
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
WHEN (NEW.paid_at IS NOT NULL AND NEW.status IN ('paid', 'partially_refunded', 'refunded'))
EXECUTE FUNCTION zevents_analytics_order_born_paid();
--> statement-breakpoint
-- What was sold before the rollup existed.
INSERT INTO analytics_sales_hourly (event_id, hour, online, source, orders, tickets, revenue_cents)
SELECT o.event_id, date_trunc('hour', o.paid_at, 'UTC'), o.payment_method IS NULL, coalesce(s.source, ''),
       count(*), sum((SELECT coalesce(sum(i.quantity), 0) FROM order_items i WHERE i.order_id = o.id)),
       sum(o.total_cents - o.refunded_cents)
FROM orders o LEFT JOIN order_sources s ON s.order_id = o.id
WHERE zevents_analytics_counted(o.status, o.paid_at)
GROUP BY 1, 2, 3, 4;
