/** Helpers for specs and benchmarks (`@pact/event-store/testing`); never part of a build. */
export * from './test-event';
export * from './reads-noted';
export * from './two-writers';
