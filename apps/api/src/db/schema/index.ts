export * from './accounts.schema';
export * from './events.schema';
export * from './orders.schema';
export * from './operations.schema';
export * from './notifications.schema';
export * from './insight.schema';
export * from './audit.schema';
export * from './invitations.schema';
