import { SqliteEventStore } from '@pact/event-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEPLOYMENT_STREAM,
  deploymentIdentity,
  RedisKeyPrefix,
  redisKeyPrefix,
} from './deployment-identity';

describe('the deployment identity, kept with the event store', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'pact-identity-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const open = () => new SqliteEventStore({ filename: join(dir, 'events.db') });
  const now = new Date('2026-11-30T12:00:00Z');

  it('is recorded once, even by processes that start at the same time, and read back after', async () => {
    const stores = [open(), open(), open()];
    const ids = await Promise.all(stores.map((store) => deploymentIdentity(store, now)));
    expect(new Set(ids).size).toBe(1);
    expect(await stores[0]!.readStream(DEPLOYMENT_STREAM)).toHaveLength(1);
    await Promise.all(stores.map((store) => store.close()));
    const reopened = open();
    expect(await deploymentIdentity(reopened, now)).toBe(ids[0]);
    await reopened.close();
  });

  it('is found when a process first needs Redis, not before (the CLI records nothing)', async () => {
    const store = open();
    const prefix = new RedisKeyPrefix(undefined, store, () => now);
    expect(await store.readStream(DEPLOYMENT_STREAM)).toEqual([]);
    const first = await prefix.get();
    expect(await prefix.get()).toBe(first);
    expect(await store.readStream(DEPLOYMENT_STREAM)).toHaveLength(1);
    await store.close();
  });

  it('names the Redis keys unless REMINDER_QUEUE_PREFIX does, and then records nothing', async () => {
    const store = open();
    expect(await redisKeyPrefix('staging', store, now)).toBe('staging');
    expect(await store.readStream(DEPLOYMENT_STREAM)).toEqual([]);
    const derived = await redisKeyPrefix(undefined, store, now);
    expect(derived).toBe(
      `pact-${(await deploymentIdentity(store, now)).replace(/-/g, '').slice(0, 16)}`,
    );
    const other = new SqliteEventStore({ filename: join(dir, 'other.db') });
    expect(await redisKeyPrefix(undefined, other, now)).not.toBe(derived);
    await Promise.all([store.close(), other.close()]);
  });
});
