/**
 * Analytics module: first-party, cookieless page views and checkout steps, tracking links, and the
 * organizer's funnel, sources, velocity and door report.
 * Owns tables: analytics_salts, page_views, analytics_hourly, analytics_visitor_days, order_sources,
 * tracking_links, analytics_summary_subscriptions. Its report also reads orders, order items, promo
 * codes, tickets and ticket types (as the stats module does); the summary email reads memberships,
 * users and organizations to know who gets it.
 */
export { type AnalyticsService, createAnalyticsService } from './analytics.service';
export { registerAnalyticsRoutes } from './analytics.routes';
export {
  createForgetSaltsJob,
  createSendSummariesJob,
  FORGET_ANALYTICS_SALTS,
  SEND_ANALYTICS_SUMMARIES,
} from './analytics.jobs';
export { createSummaryService, type SummaryReport, type SummaryService } from './summary.service';
