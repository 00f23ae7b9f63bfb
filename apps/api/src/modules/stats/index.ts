/**
 * Stats module: an event's sales figures for its organizers.
 * Owns tables: none; its repository reads orders, order items, tickets and ticket types for reports.
 */
export { createStatsService, type StatsService } from './stats.service';
