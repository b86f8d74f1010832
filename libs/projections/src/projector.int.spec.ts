import type { ReadStore } from '@pact/read-store';
import { ForwardingEventStore, type ReadAllOptions, type RecordedEvent } from '@pact/event-store';
import type { Projection, ProjectionTx } from './projection';
import { ProjectionOperations } from './projection-operations';
import { Projector } from './projector';
import { ProjectionRunner } from './runner/projection-runner';
import { ALL_COLLECTIONS, ProjectionHarness, seedHistory } from './testing/harness';

describe('projector', () => {
  let harness: ProjectionHarness;
  beforeEach(() => (harness = new ProjectionHarness()));
  afterEach(() => harness.close());

  const catchUpAll = async (store = harness.read) => {
    for (const projection of harness.projections)
      await new ProjectionRunner(projection, harness.events, store).catchUp();
  };
  const rebuiltFromScratch = async () => {
    const fresh = harness.openReadStore('fresh.db');
    await catchUpAll(fresh);
    const documents = await harness.documents(ALL_COLLECTIONS, fresh);
    await fresh.close();
    return documents;
  };

  it('leaves the same documents when every event is applied twice', async () => {
    await seedHistory(harness, 4);
    await catchUpAll();
    const once = await harness.documents(ALL_COLLECTIONS);
    for (const projection of harness.projections)
      await harness.read.commit(projection.name, [], 0n);
    await catchUpAll();
    expect(await harness.documents(ALL_COLLECTIONS)).toEqual(once);
    expect(once['pledges']).toHaveLength(4);
  });

  it('ends equal to a rebuild when documents were written but the checkpoint was not (crash between the two)', async () => {
    await seedHistory(harness, 3);
    await catchUpAll();
    const checkpoints = await harness.read.checkpoints();
    await seedHistory(harness, 5); // more history: ids repeat, so documents change again
    await catchUpAll();
    for (const checkpoint of checkpoints)
      await harness.read.commit(checkpoint.name, [], checkpoint.position);
    await catchUpAll();
    expect(await harness.documents(ALL_COLLECTIONS)).toEqual(await rebuiltFromScratch());
  });

  it('ends the same whatever the page size, also replaying pages that straddle those that wrote the documents', async () => {
    await seedHistory(harness, 6);
    const expected = await rebuiltFromScratch(); // one page
    // Pages of 7: the registry's figures are written once a page, so many times over.
    const paged = harness.openReadStore('paged.db');
    const catchUpPaged = async (batchSize: number) => {
      for (const projection of harness.projections)
        await new ProjectionRunner(projection, harness.events, paged, { batchSize }).catchUp();
    };
    await catchUpPaged(7);
    expect(await harness.documents(ALL_COLLECTIONS, paged)).toEqual(expected);
    // Checkpoints taken back into the middle of those pages, then pages of 5: a figure written at
    // the end of a page of 7 reflects the first events of a page of 5, and only those after count.
    const head = await harness.events.headPosition();
    for (const back of [head / 3n, head / 2n + 1n]) {
      for (const projection of harness.projections) await paged.commit(projection.name, [], back);
      await catchUpPaged(5);
      expect(await harness.documents(ALL_COLLECTIONS, paged)).toEqual(expected);
    }
    await paged.close();
  });

  it('runs live: an append reaches the documents through the append notification, not polling', async () => {
    const projector = new Projector(harness.projections, harness.events, harness.read);
    await projector.start();
    const { position } = await harness.append('practice-live', 'PracticeShared', {
      practiceId: 'live',
      organisationId: 'o',
      title: 't',
      summary: 's',
      body: 'b',
      category: 'c',
      implementationLevel: 'planned',
      tags: [],
      publicationConsent: false,
      sharedAt: 'x',
    });
    while ((await harness.read.checkpoint('practices')).position < position)
      await new Promise((r) => setTimeout(r, 2));
    expect(await harness.read.findById('practices', 'live')).toMatchObject({ title: 't' });
    await projector.stop();
  });

  describe('one reader for several projections', () => {
    /** The real event store, counting the pages of the log read through it. */
    class CountingReads extends ForwardingEventStore {
      pages = 0;
      override readAll(options?: ReadAllOptions) {
        this.pages++;
        return super.readAll(options);
      }
    }

    it('reads each page of the log once for all projections, and ends as runners of their own do', async () => {
      await seedHistory(harness, 30);
      const head = await harness.events.headPosition();
      const counting = new CountingReads(harness.events);
      await new ProjectionRunner(harness.projections, counting, harness.read, {
        batchSize: 20,
      }).catchUp();
      // Every page once (the last one comes back short), not once per projection.
      expect(counting.pages).toBe(Math.ceil(Number(head) / 20));
      for (const projection of harness.projections)
        expect((await harness.read.checkpoint(projection.name)).position).toBe(head);
      expect(await harness.documents(ALL_COLLECTIONS)).toEqual(await rebuiltFromScratch());
    });

    it('starts each projection from its own checkpoint: one ahead skips what it has, and all end at the head', async () => {
      await seedHistory(harness, 10);
      const [registry, practices] = harness.projections as [Projection, Projection];
      await new ProjectionRunner(practices, harness.events, harness.read).catchUp();
      const practicesAt = (await harness.read.checkpoint('practices')).position;
      await seedHistory(harness, 20);
      const counting = new CountingReads(harness.events);
      await new ProjectionRunner([registry, practices], counting, harness.read, {
        batchSize: 25,
      }).catchUp();
      const head = await harness.events.headPosition();
      expect(counting.pages).toBe(Math.ceil(Number(head) / 25));
      expect(practicesAt).toBeGreaterThan(0n);
      expect((await harness.read.checkpoint('practices')).position).toBe(head);
      expect(await harness.documents(ALL_COLLECTIONS)).toEqual(await rebuiltFromScratch());
    });
  });

  describe('dead letters', () => {
    let broken = true;
    const fragile: Projection = {
      name: 'fragile',
      collections: ['fragile'],
      indexes: [],
      eventTypes: new Set(['Counted']),
      async apply(event: RecordedEvent, tx: ProjectionTx) {
        const data = event.data as { n: number };
        if (broken && data.n === 2) throw new Error('cannot count 2');
        const doc = (await tx.get<{ _id: string; total: number }>('fragile', 'sum')) ?? {
          _id: 'sum',
          total: 0,
        };
        tx.put('fragile', { ...doc, total: doc.total + data.n });
      },
    };
    beforeEach(() => (broken = true));
    const count = async (...values: number[]) => {
      for (const n of values) await harness.append('count-1', 'Counted', { n });
    };

    it('stops the projection at the failing event and resumes there after the fix', async () => {
      await count(1, 2, 3);
      const projector = new Projector([fragile], harness.events, harness.read);
      await projector.start();
      await waitUntil(async () => (await harness.read.checkpoint('fragile')).status === 'stopped');
      expect(await harness.read.findById('fragile', 'sum')).toMatchObject({ total: 1 });
      expect((await projector.status())[0]).toMatchObject({
        status: 'stopped',
        position: '1',
        lag: 2,
        deadLetters: 1,
      });
      expect(await harness.read.deadLetters()).toEqual([
        expect.objectContaining({
          projection: 'fragile',
          position: '2',
          type: 'Counted',
          error: 'cannot count 2',
        }),
      ]);
      broken = false;
      expect(await projector.replayDeadLetters()).toEqual(['fragile']);
      await waitUntil(async () => (await harness.read.checkpoint('fragile')).position === 3n);
      expect(await harness.read.findById('fragile', 'sum')).toMatchObject({ total: 6 });
      expect(await harness.read.deadLetters()).toEqual([]);
      await projector.stop();
    });

    it('stops only the failing projection: those read with it go on to the head', async () => {
      const steady: Projection = {
        ...fragile,
        name: 'steady',
        collections: ['steady'],
        async apply(event: RecordedEvent, tx: ProjectionTx) {
          const data = event.data as { n: number };
          const doc = (await tx.get<{ _id: string; total: number }>('steady', 'sum')) ?? {
            _id: 'sum',
            total: 0,
          };
          tx.put('steady', { ...doc, total: doc.total + data.n });
        },
      };
      await count(1, 2, 3);
      const projector = new Projector([fragile, steady], harness.events, harness.read);
      await projector.start();
      await waitUntil(async () => (await harness.read.checkpoint('steady')).position === 3n);
      await count(4);
      await waitUntil(async () => (await harness.read.checkpoint('steady')).position === 4n);
      expect(await harness.read.findById('steady', 'sum')).toMatchObject({ total: 10 });
      expect(await harness.read.checkpoint('fragile')).toMatchObject({
        position: 1n,
        status: 'stopped',
      });
      broken = false;
      expect(await projector.replayDeadLetters()).toEqual(['fragile']);
      await waitUntil(async () => (await harness.read.checkpoint('fragile')).position === 4n);
      expect(await harness.read.findById('fragile', 'sum')).toMatchObject({ total: 10 });
      expect(await harness.read.findById('steady', 'sum')).toMatchObject({ total: 10 });
      await projector.stop();
    });

    it('retries a batch whose read store read failed, with no dead letter: only projection code makes one', async () => {
      broken = false;
      await count(1, 2, 3);
      // The store is real; its reads fail twice, as during a failover.
      const flaky = failingFirst(harness.read, 'findById', 2, 'connection reset').store;
      const logged: string[] = [];
      const runner = new ProjectionRunner(fragile, harness.events, flaky, {
        log: (message) => logged.push(message),
      });
      runner.start();
      await waitUntil(async () => (await harness.read.checkpoint('fragile')).position === 3n);
      await runner.stop();
      expect(await harness.read.findById('fragile', 'sum')).toMatchObject({ total: 6 });
      expect(await harness.read.deadLetters()).toEqual([]);
      expect((await harness.read.checkpoint('fragile')).status).toBe('running');
      expect(logged.join('\n')).toMatch(/read store failed: connection reset; retrying/);
    });

    it('skips when configured to, and a replay rebuilds so the skipped event applies in order', async () => {
      await count(1, 2, 3);
      const projector = new Projector([fragile], harness.events, harness.read, { onError: 'skip' });
      await projector.start();
      await waitUntil(async () => (await harness.read.checkpoint('fragile')).position === 3n);
      expect(await harness.read.findById('fragile', 'sum')).toMatchObject({ total: 4 });
      expect(await harness.read.deadLetters()).toHaveLength(1);
      broken = false;
      await projector.replayDeadLetters();
      expect(await harness.read.findById('fragile', 'sum')).toMatchObject({ total: 6 });
      expect(await harness.read.deadLetters()).toEqual([]);
      await projector.stop();
    });
  });

  it('runs the projections when creating indexes fails, and creates them once the store allows', async () => {
    await seedHistory(harness, 2);
    const refusing = failingFirst(harness.read, 'ensureIndexes', 2, 'not primary');
    const store = refusing.store;
    const logged: string[] = [];
    const projector = new Projector(harness.projections, harness.events, store, {
      indexRetryMs: 20,
      log: (message) => logged.push(message),
    });
    await projector.start();
    await waitUntil(async () => (await projector.status()).every((s) => s.lag === 0));
    await waitUntil(() => Promise.resolve(refusing.succeeded() === 1));
    await projector.stop();
    expect(logged.filter((m) => /indexes failed: Error: not primary/.test(m))).toHaveLength(2);
    expect((await harness.read.aggregate('pledges', [])).length).toBe(2);
  });

  it('has the running projector carry out a rebuild asked elsewhere; the asking process runs nothing', async () => {
    await seedHistory(harness, 3);
    const holder = new Projector(harness.projections, harness.events, harness.read, {
      operationPollMs: 20,
    });
    await holder.start();
    await waitUntil(async () => (await holder.status()).every((s) => s.lag === 0));
    const before = await harness.documents(ALL_COLLECTIONS);
    // The API or CLI of a deployment whose projector runs in another process.
    const elsewhere = new Projector(harness.projections, harness.events, harness.read);
    const asking = new ProjectionOperations(elsewhere, harness.read, {
      local: () => elsewhere.running,
      pollMs: 10,
    });
    const rebuilt = await asking.rebuild('registry');
    expect(rebuilt).toMatchObject({ kind: 'rebuild', name: 'registry', status: 'done' });
    expect(await harness.read.pendingOperations()).toEqual([]);
    expect(elsewhere.running).toBe(false);
    expect(await harness.documents(ALL_COLLECTIONS)).toEqual(before);
    const failed = await asking.rebuild('no-such-projection');
    expect(failed).toMatchObject({
      status: 'failed',
      error: 'No projection named no-such-projection',
    });
    // Nobody runs the projections: the request stays queued, and the caller hears so.
    await holder.stop();
    const waiting = new ProjectionOperations(elsewhere, harness.read, {
      local: () => false,
      waitMs: 50,
      pollMs: 10,
    });
    const pending = await waiting.replayDeadLetters();
    expect(pending).toMatchObject({ kind: 'replay-dead-letters', status: 'pending' });
    expect(await waiting.find(pending.id)).toEqual(pending);
  });

  it('rebuilds beside the live collections and swaps them in', async () => {
    await seedHistory(harness, 3);
    const projector = new Projector(harness.projections, harness.events, harness.read);
    await projector.start();
    await waitUntil(async () => (await projector.status()).every((s) => s.lag === 0));
    const before = await harness.documents(ALL_COLLECTIONS);
    const rebuilding = projector.rebuild('registry');
    // The live collections keep answering while the rebuild runs.
    expect((await harness.read.aggregate('pledges', [])).length).toBe(3);
    await rebuilding;
    expect(await harness.documents(ALL_COLLECTIONS)).toEqual(before);
    expect(await harness.read.aggregate('pledges__rebuild', [])).toEqual([]);
    expect((await projector.status()).find((s) => s.name === 'registry')).toMatchObject({
      status: 'running',
      lag: 0,
    });
    await projector.stop();
  });
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The real store, whose `method` fails its first `times` calls with `message`, then works. */
function failingFirst(
  store: ReadStore,
  method: 'findById' | 'ensureIndexes',
  times: number,
  message: string,
): { store: ReadStore; succeeded: () => number } {
  let failures = times;
  let succeeded = 0;
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (property !== method) return value.bind(target);
      return async (...args: unknown[]) => {
        if (failures > 0) {
          failures--;
          throw new Error(message);
        }
        succeeded++;
        return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
      };
    },
  });
  return { store: proxy, succeeded: () => succeeded };
}
