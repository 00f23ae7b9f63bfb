export * from './errors';
export * from './common';
export * from './accounts';
export * from './organizations';
export * from './events';
export * from './catalogue';
export * from './orders';
export * from './operations';
