import { type Decider, type DomainCommand, type DomainEvent } from '@pact/domain';
import type { SqliteEventStore } from '@pact/event-store';
import { ReadsNoted, testEvent, TwoWriters } from '@pact/event-store/testing';
import { load, loadCurrent } from './load';
import { StreamStates } from './stream-states';

type Added = DomainEvent<'Added', { n: number }>;
/** The sum and the order of what was added, so a fold in the wrong order or twice shows. */
const counter: Pick<
  Decider<DomainCommand, Added, { seen: number[] }>,
  'evolve' | 'initialState'
> = {
  initialState: () => ({ seen: [] }),
  evolve: (state, event) => ({ seen: [...state.seen, event.data.n] }),
};

describe('loadCurrent: a stream as it is now', () => {
  let writers: TwoWriters;
  let store: SqliteEventStore;
  /** Another process writing the same file. */
  let other: SqliteEventStore;
  const added = (n: number) => testEvent('Added', { n });
  beforeEach(() => {
    writers = new TwoWriters();
    ({ store, other } = writers);
  });
  afterEach(() => writers.close());

  it('folds the whole stream when nothing is kept, and keeps what it reached', async () => {
    const { position } = await other.append('s', [added(1), added(2)], 'no-stream');
    const noted = new ReadsNoted(store);
    const states = new StreamStates<{ seen: number[] }>(10);
    const current = await loadCurrent(noted, counter, 's', states);
    expect(current).toEqual({ state: { seen: [1, 2] }, revision: 1, position });
    expect(noted.froms).toStrictEqual([undefined]);
    expect(states.get('s')).toEqual({ state: { seen: [1, 2] }, revision: 1, position });
  });

  it('reads only what another writer appended since the state kept, and equals a whole read', async () => {
    await store.append('s', [added(1)], 'no-stream');
    const states = new StreamStates<{ seen: number[] }>(10);
    await loadCurrent(store, counter, 's', states);
    const { position } = await other.append('s', [added(2), added(3)], 0);
    const noted = new ReadsNoted(store);
    const current = await loadCurrent(noted, counter, 's', states);
    expect(noted.froms).toStrictEqual([1]);
    expect(current).toEqual({ state: { seen: [1, 2, 3] }, revision: 2, position });
    const whole = await load(store, counter, 's');
    expect(current.state).toEqual(whole.state);
    expect(current.revision).toBe(whole.revision);
    expect(states.get('s')).toMatchObject({ revision: 2, position });
  });

  it('answers the state kept when nothing was appended since, reading nothing more', async () => {
    const { position } = await store.append('s', [added(5)], 'no-stream');
    const states = new StreamStates<{ seen: number[] }>(10);
    await loadCurrent(store, counter, 's', states);
    const noted = new ReadsNoted(store);
    expect(await loadCurrent(noted, counter, 's', states)).toEqual({
      state: { seen: [5] },
      revision: 0,
      position,
    });
    expect(noted.froms).toStrictEqual([1]);
  });

  it('answers the initial state of a stream never written, and keeps nothing for it', async () => {
    const states = new StreamStates<{ seen: number[] }>(10);
    expect(await loadCurrent(store, counter, 'nothing', states)).toEqual({
      state: { seen: [] },
      revision: -1,
      position: 0n,
    });
    expect(states.size).toBe(0);
  });

  it('without states kept, reads and folds the whole stream each time', async () => {
    await store.append('s', [added(1), added(2)], 'no-stream');
    const noted = new ReadsNoted(store);
    await loadCurrent(noted, counter, 's');
    await loadCurrent(noted, counter, 's');
    expect(noted.froms).toStrictEqual([undefined, undefined]);
  });
});
