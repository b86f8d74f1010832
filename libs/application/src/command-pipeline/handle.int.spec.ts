import { ConflictError, type Decider, type DomainCommand, type DomainEvent } from '@pact/domain';
import {
  ForwardingEventStore,
  SqliteEventStore,
  type EventStore,
  type EventToAppend,
  type ExpectedState,
  type StreamCondition,
} from '@pact/event-store';
import { ReadsNoted } from '@pact/event-store/testing';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveId } from '../ids';
import type { CommandContext } from './command-context';
import { PreconditionFailedError } from './errors';
import { conditionedOn, handle } from './handle';
import { load } from './load';
import { StreamStates } from './stream-states';

type Add = DomainCommand<'Add', { n: number }>;
type Added = DomainEvent<'Added', { n: number }>;
const counter: Decider<Add, Added, { total: number }> = {
  initialState: () => ({ total: 0 }),
  evolve: (state, event) => ({ total: state.total + event.data.n }),
  decide: (command, state) => {
    if (command.data.n === 0) return [];
    if (state.total + command.data.n > 10)
      throw new ConflictError('over ten', 'withdrawals-exceeded');
    return [{ type: 'Added', data: { n: command.data.n } }];
  },
};

describe('handle: the command pipeline', () => {
  let dir: string;
  let store: EventStore;
  const context = (overrides: Partial<CommandContext> = {}): CommandContext => ({
    commandId: `cmd-${Math.random()}`,
    actor: { keyId: 'k', role: 'participant', organisationId: 'o' },
    correlationId: 'corr',
    causationId: 'cause',
    now: new Date('2026-01-01T00:00:00.000Z'),
    ...overrides,
  });
  const add = (n: number): Add => ({ type: 'Add', data: { n } });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pact-handle-'));
    store = new SqliteEventStore({ filename: join(dir, 'events.db') });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('folds, decides and appends with metadata, event ids derived from the command id', async () => {
    const ctx = context({
      commandId: 'c1',
      causationId: 'event-that-caused-it',
      idempotencyKey: 'idem',
    });
    const result = await handle(store, counter, 'counter-1', add(3), ctx);
    expect(result).toMatchObject({ revision: 0, state: { total: 3 }, events: [{ type: 'Added' }] });
    const [event] = await store.readStream('counter-1');
    expect(event).toMatchObject({
      eventId: deriveId('c1', 0),
      schemaVersion: 1,
      recordedAt: '2026-01-01T00:00:00.000Z',
      metadata: {
        actor: ctx.actor,
        correlationId: 'corr',
        causationId: 'event-that-caused-it',
        idempotencyKey: 'idem',
      },
    });
  });

  it('recognises a retried command by its event ids', async () => {
    const ctx = context({ commandId: 'same' });
    await handle(store, counter, 'counter-1', add(3), ctx);
    await handle(store, counter, 'counter-1', add(1), context());
    await handle(store, counter, 'counter-1', add(3), { ...ctx, expectedRevision: undefined });
    // The retry decided again on fresh state but its event id was stored already: nothing new written.
    expect((await store.readStream('counter-1')).map((e) => e.revision)).toEqual([0, 1]);
  });

  it('answers 412 on an If-Match mismatch and writes nothing', async () => {
    await handle(store, counter, 'counter-1', add(1), context());
    await expect(
      handle(store, counter, 'counter-1', add(1), context({ expectedRevision: 5 })),
    ).rejects.toBeInstanceOf(PreconditionFailedError);
    expect(await store.readStream('counter-1')).toHaveLength(1);
  });

  it('retries on a concurrent write and decides on the fresh state', async () => {
    const results = await Promise.allSettled(
      [1, 2, 3, 4, 5].map((n) => handle(store, counter, 'counter-1', add(n), context())),
    );
    // 1+2+3+4 = 10 fits; whichever order, the decider sees every committed event before deciding.
    const total = (await store.readStream('counter-1')).reduce(
      (sum, e) => sum + (e.data as { n: number }).n,
      0,
    );
    expect(total).toBeLessThanOrEqual(10);
    expect(
      results
        .filter((r) => r.status === 'rejected')
        .every((r) => r.reason instanceof ConflictError),
    ).toBe(true);
  });

  describe('with the states of earlier commands kept', () => {
    const total = async (streamId: string) =>
      (await store.readStream(streamId)).reduce((sum, e) => sum + (e.data as { n: number }).n, 0);

    it('reads only what was appended since the state it kept, and decides on the whole', async () => {
      const noted = new ReadsNoted(store);
      const states = new StreamStates<{ total: number }>(10);
      await handle(noted, counter, 'counter-1', add(2), context(), { states });
      // Another process (no states kept) appends in between.
      await handle(store, counter, 'counter-1', add(3), context());
      const result = await handle(noted, counter, 'counter-1', add(4), context(), { states });
      expect(noted.froms).toStrictEqual([undefined, 1]);
      expect(result).toMatchObject({ revision: 2, state: { total: 9 } });
      await expect(
        handle(noted, counter, 'counter-1', add(2), context(), { states }),
      ).rejects.toThrow('over ten');
      expect(states.get('counter-1')).toMatchObject({ revision: 2, state: { total: 9 } });
    });

    it('keeps deciding on every committed event when commands race', async () => {
      const states = new StreamStates<{ total: number }>(10);
      const results = await Promise.allSettled(
        [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1].map((n) =>
          handle(store, counter, 'counter-1', add(n), context(), { states }),
        ),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(10);
      expect(await total('counter-1')).toBe(10);
      expect(states.get('counter-1')).toMatchObject({ revision: 9, state: { total: 10 } });
    });

    it('does not keep the state of a retried command whose events were stored already', async () => {
      const states = new StreamStates<{ total: number }>(10);
      const ctx = context({ commandId: 'same' });
      await handle(store, counter, 'counter-1', add(3), ctx);
      // Its retry, right at the head, is answered with the revision it was stored at.
      const atHead = await handle(store, counter, 'counter-1', add(3), ctx, { states });
      expect(atHead.revision).toBe(0);
      expect(states.get('counter-1')).toMatchObject({ revision: 0, state: { total: 3 } });
      await handle(store, counter, 'counter-1', add(1), context());
      // Behind the head now: decided on the state kept, and recognised by its event ids.
      const retried = await handle(store, counter, 'counter-1', add(3), ctx, { states });
      expect(retried.revision).toBe(0);
      expect(states.get('counter-1')).toMatchObject({ revision: 0, state: { total: 3 } });
      const next = await handle(store, counter, 'counter-1', add(2), context(), { states });
      expect(next.state).toEqual({ total: 6 });
      expect(await total('counter-1')).toBe(6);
    });

    it('keeps no state from a retried command whose events were stored after the state kept', async () => {
      const states = new StreamStates<{ total: number }>(10);
      await handle(store, counter, 'counter-1', add(1), context(), { states });
      // Another process (no states kept) appends, then runs the command that is retried here.
      await handle(store, counter, 'counter-1', add(2), context());
      const ctx = context({ commandId: 'same' });
      await handle(store, counter, 'counter-1', add(3), ctx);
      // Decided on the state kept (1 + 3), recognised by its event ids at revision 2 (total 6).
      const retried = await handle(store, counter, 'counter-1', add(3), ctx, { states });
      expect(retried.revision).toBe(2);
      expect(states.get('counter-1')).toMatchObject({ revision: 0, state: { total: 1 } });
      await handle(store, counter, 'counter-1', add(4), context(), { states });
      await expect(
        handle(store, counter, 'counter-1', add(1), context(), { states }),
      ).rejects.toThrow('over ten');
      expect(await total('counter-1')).toBe(10);
    });

    it('answers as if it had read, whatever two processes with states of their own interleave', async () => {
      const other = new SqliteEventStore({ filename: join(dir, 'events.db') });
      const operation = fc.record({
        process: fc.constantFrom(0, 1),
        n: fc.integer({ min: -4, max: 6 }),
        // A retry repeats a recent command's id (a client sending it again, to either process).
        retryOf: fc.option(fc.nat({ max: 3 }), { nil: undefined }),
      });
      let run = 0;
      try {
        await fc.assert(
          fc.asyncProperty(fc.array(operation, { maxLength: 30 }), async (operations) => {
            const streamId = `counter-${run++}`;
            const processes = [
              { store, states: new StreamStates<{ total: number }>(10) },
              { store: other, states: new StreamStates<{ total: number }>(10) },
            ];
            const commands: { id: string; n: number }[] = [];
            const stored = new Map<string, number>();
            let total = 0;
            let length = 0;
            for (const { process, n, retryOf } of operations) {
              const earlier = retryOf === undefined ? undefined : commands.at(-1 - retryOf);
              const command = earlier ?? { id: `${streamId}-command-${commands.length}`, n };
              commands.push(command);
              const { store: on, states } = processes[process]!;
              const outcome = await handle(
                on,
                counter,
                streamId,
                add(command.n),
                context({ commandId: command.id }),
                { states },
              ).catch((error: unknown) => error);
              const storedAt = stored.get(command.id);
              if (storedAt !== undefined) {
                // Stored already: answered with where it was stored, or refused on today's total.
                if (!(outcome instanceof ConflictError))
                  expect(outcome).toMatchObject({ revision: storedAt });
              } else if (total + command.n > 10) {
                expect(outcome).toBeInstanceOf(ConflictError);
              } else if (command.n === 0) {
                expect(outcome).toMatchObject({ revision: length - 1, events: [] });
              } else {
                expect(outcome).toMatchObject({
                  revision: length,
                  state: { total: total + command.n },
                });
                stored.set(command.id, length);
                total += command.n;
                length += 1;
              }
              const events = await store.readStream(streamId);
              expect(events).toHaveLength(length);
              // Every state kept is the fold of the stream up to the revision it is kept for.
              for (const { states: kept } of processes) {
                const known = kept.get(streamId);
                if (!known) continue;
                const folded = events
                  .slice(0, known.revision + 1)
                  .reduce((sum, e) => sum + (e.data as { n: number }).n, 0);
                expect(known.state).toEqual({ total: folded });
              }
            }
          }),
          { numRuns: 200 },
        );
      } finally {
        await other.close();
      }
    });

    it('decides on the state kept without reading while nothing was appended since', async () => {
      const noted = new ReadsNoted(store);
      const states = new StreamStates<{ total: number }>(10);
      await handle(noted, counter, 'counter-1', add(2), context(), { states });
      const second = await handle(noted, counter, 'counter-1', add(3), context(), { states });
      // An If-Match at the revision kept is checked by the append itself.
      const third = await handle(
        noted,
        counter,
        'counter-1',
        add(1),
        context({ expectedRevision: 1 }),
        {
          states,
        },
      );
      expect(noted.froms).toStrictEqual([undefined]);
      expect([second.revision, third.revision]).toEqual([1, 2]);
      // An If-Match at another revision is answered after a read, and nothing is written.
      await expect(
        handle(noted, counter, 'counter-1', add(1), context({ expectedRevision: 7 }), { states }),
      ).rejects.toMatchObject({ expected: 7, actual: 2 });
      expect(noted.froms).toStrictEqual([undefined, 3]);
      expect(states.get('counter-1')).toMatchObject({ revision: 2, state: { total: 6 } });
      expect(await total('counter-1')).toBe(6);
    });

    describe('answers only on a fresh read what a stale state kept could decide otherwise', () => {
      let noted: ReadsNoted;
      let states: StreamStates<{ total: number }>;
      beforeEach(async () => {
        noted = new ReadsNoted(store);
        states = new StreamStates<{ total: number }>(10);
        await handle(noted, counter, 'counter-1', add(9), context(), { states });
        // Another process (no states kept) appends after the state kept: total 4 at revision 1.
        await handle(store, counter, 'counter-1', add(-5), context());
      });

      it('a refusal', async () => {
        // 9 + 3 is over ten, but the stream is at 4 now.
        const result = await handle(noted, counter, 'counter-1', add(3), context(), { states });
        expect(result).toMatchObject({ revision: 2, state: { total: 7 } });
        expect(noted.froms).toStrictEqual([undefined, 1]);
      });

      it('nothing to do', async () => {
        const result = await handle(noted, counter, 'counter-1', add(0), context(), { states });
        expect(result).toMatchObject({ revision: 1, state: { total: 4 }, events: [] });
        expect(noted.froms).toStrictEqual([undefined, 1]);
      });

      it('an If-Match answer', async () => {
        await expect(
          handle(noted, counter, 'counter-1', add(1), context({ expectedRevision: 0 }), {
            states,
          }),
        ).rejects.toMatchObject({ expected: 0, actual: 1 });
        const result = await handle(
          noted,
          counter,
          'counter-1',
          add(1),
          context({ expectedRevision: 1 }),
          { states },
        );
        expect(result).toMatchObject({ revision: 2, state: { total: 5 } });
        expect(await total('counter-1')).toBe(5);
      });
    });
  });

  describe('a command read from another stream as well', () => {
    /** Another writer adds to `limit-1` just before the first append to `counter-1`. */
    class WriteInBetween extends ForwardingEventStore {
      readonly conditions: (readonly StreamCondition[] | undefined)[] = [];
      private done = false;
      override async append(
        streamId: string,
        events: readonly EventToAppend[],
        expected: ExpectedState,
        conditions?: readonly StreamCondition[],
      ) {
        if (streamId === 'counter-1') this.conditions.push(conditions);
        if (streamId === 'counter-1' && !this.done) {
          this.done = true;
          await handle(this.inner, counter, 'limit-1', add(2), context());
        }
        return this.inner.append(streamId, events, expected, conditions);
      }
    }

    it.each([
      ['reading the stream', undefined],
      ['on a state kept', new StreamStates<{ total: number }>(10)],
    ])(
      'decides again on a fresh read when that stream changed before the append, %s, not a 412',
      async (_, states) => {
        await handle(store, counter, 'limit-1', add(1), context());
        await handle(store, counter, 'counter-1', add(1), context(), { states });
        const racing = new WriteInBetween(store);
        const reads = new ReadsNoted(racing);
        // The command adds what `limit-1` holds as read.
        const result = await handle(
          reads,
          counter,
          'counter-1',
          conditionedOn(reads, counter, 'limit-1', ({ total }) => add(total)),
          context({ expectedRevision: 0 }),
          { states },
        );
        expect(result).toMatchObject({ revision: 1, state: { total: 4 } });
        expect((await store.readStream('counter-1')).map((e) => e.data)).toEqual([
          { n: 1 },
          { n: 3 },
        ]);
        expect(reads.reads.filter((read) => read.streamId === 'limit-1')).toHaveLength(2);
        expect(racing.conditions).toStrictEqual([
          [{ streamId: 'limit-1', expected: 0 }],
          [{ streamId: 'limit-1', expected: 1 }],
        ]);
      },
    );

    it('takes the read the caller made for its first attempt', async () => {
      await handle(store, counter, 'limit-1', add(2), context());
      const reads = new ReadsNoted(store);
      const first = await load(store, counter, 'limit-1');
      await handle(
        reads,
        counter,
        'counter-1',
        conditionedOn(reads, counter, 'limit-1', ({ total }) => add(total), first),
        context(),
      );
      expect(reads.reads.map((read) => read.streamId)).toStrictEqual(['counter-1']);
      expect((await store.readStream('counter-1')).map((e) => e.data)).toEqual([{ n: 2 }]);
    });
  });

  it('lets the authorize hook refuse before deciding', async () => {
    await expect(
      handle(store, counter, 'counter-1', add(1), context(), {
        authorize: () => {
          throw new ConflictError('not yours', 'pledge-exists');
        },
      }),
    ).rejects.toThrow('not yours');
    expect(await store.readStream('counter-1')).toEqual([]);
  });
});

describe('StreamStates', () => {
  it('keeps the most recently used streams, and never goes back to an earlier revision', () => {
    const states = new StreamStates<string>(2);
    states.keep('a', { revision: 0, position: 1n, state: 'a0' });
    states.keep('b', { revision: 0, position: 2n, state: 'b0' });
    states.get('a');
    states.keep('c', { revision: 0, position: 3n, state: 'c0' });
    expect([states.get('a')?.state, states.get('b'), states.get('c')?.state]).toEqual([
      'a0',
      undefined,
      'c0',
    ]);
    states.keep('a', { revision: 3, position: 9n, state: 'a3' });
    states.keep('a', { revision: 2, position: 8n, state: 'a2' });
    expect(states.get('a')?.state).toBe('a3');
    expect(states.size).toBe(2);
  });
});
