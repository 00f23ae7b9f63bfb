export * from './accounts.schema';
export * from './events.schema';
export * from './operations.schema';
