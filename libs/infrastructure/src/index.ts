export * from './api-keys/api-key.store';
export * from './api-keys/webhook-secret.store';
export * from './idempotency/idempotency.store';
export * from './infrastructure.module';
export * from './secrets/secret-box';
export * from './sqlite/app-database';
export * from './audit/head-seals';
export * from './coordination/redis-lease';
