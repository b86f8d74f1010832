import { ConflictError, type Decider, type DomainCommand, type DomainEvent } from '@pact/domain';
import { SqliteEventStore, type EventStore } from '@pact/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveId } from '../ids';
import type { CommandContext } from './command-context';
import { PreconditionFailedError } from './errors';
import { handle } from './handle';

type Add = DomainCommand<'Add', { n: number }>;
type Added = DomainEvent<'Added', { n: number }>;
const counter: Decider<Add, Added, { total: number }> = {
  initialState: () => ({ total: 0 }),
  evolve: (state, event) => ({ total: state.total + event.data.n }),
  decide: (command, state) => {
    if (state.total + command.data.n > 10) throw new ConflictError('over ten');
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

  it('lets the authorize hook refuse before deciding', async () => {
    await expect(
      handle(store, counter, 'counter-1', add(1), context(), {
        authorize: () => {
          throw new ConflictError('not yours');
        },
      }),
    ).rejects.toThrow('not yours');
    expect(await store.readStream('counter-1')).toEqual([]);
  });
});
