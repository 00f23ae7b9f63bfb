ALTER TABLE "order_sources" DROP CONSTRAINT "order_sources_order_id_orders_id_fk";
