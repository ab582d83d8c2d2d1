export * from './accounts';
export * from './auth';
export * from './content';
export * from './tokens';
export * from './outbox';
export * from './notices-reading';
export * from './legacy';
