/**
 * Analytics module: first-party, cookieless page views and checkout steps, tracking links, and the
 * organizer's funnel, sources, velocity and door report.
 * Owns tables: analytics_salts, page_views, analytics_hourly, analytics_visitor_days, order_sources,
 * tracking_links. Its report also reads orders, order items, promo codes, tickets and ticket types
 * (as the stats module does).
 */
export { type AnalyticsService, createAnalyticsService } from './analytics.service';
export { registerAnalyticsRoutes } from './analytics.routes';
export { createForgetSaltsJob, FORGET_ANALYTICS_SALTS } from './analytics.jobs';
