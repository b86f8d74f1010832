export * from './event-store.port';
export * from './hash-chain';
export * from './sqlite/sqlite-event-store';
export * from './verification';
export * from './wait-for-event';
export * from './kurrentdb/kurrentdb-event-store';
export * from './forwarding-event-store';
