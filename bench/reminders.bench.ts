import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { defaultReportingConfig, pledgeStream, type PledgeSigned } from '../libs/domain/src';
import { SqliteEventStore } from '../libs/event-store/src';
import { openAppDatabase } from '../libs/infrastructure/src';
import { SqliteDeliveryLog } from '../libs/reminders/src/delivery/sqlite-delivery-log';
import { DeliveryQueue } from '../libs/reminders/src/delivery/delivery-queue';
import { ReminderQueues } from '../libs/reminders/src/queues/reminder-queues';
import { PledgeReminders } from '../libs/reminders/src/scheduling/pledge-reminders';
import { planReminders } from '../libs/reminders/src/scheduling/reminder-jobs';
import { SqliteReminderLedger } from '../libs/reminders/src/scheduling/sqlite-reminder-ledger';
import { ReminderScheduler } from '../libs/reminders/src/scheduling/reminder-scheduler';
import { TimelineNotices } from '../libs/reminders/src/timeline/timeline-notices';
import { TestRedis } from '../test/support/redis-server';
import { quick, tempDir, type BenchRow } from './support';

const config = defaultReportingConfig();
const clock = { now: () => new Date() };

/**
 * Scheduling the prompts of many freshly signed pledges: the worker's subscription (read the log,
 * fold each pledge, plan, add its jobs, save the checkpoint) against a raw BullMQ `addBulk` of the
 * very same jobs, each into an empty queue of a private Redis. Also Redis memory per pending prompt.
 */
export async function remindersBench(): Promise<BenchRow[]> {
  const pledges = quick ? 2_000 : 100_000;
  const redis = await TestRedis.start();
  const dir = tempDir('pact-bench-reminders-');
  try {
    const store = new SqliteEventStore({
      filename: join(dir.path, 'events.db'),
      synchronous: 'NORMAL',
    });
    const signedAt = new Date().toISOString();
    for (let i = 0; i < pledges; i++) {
      const pledgeId = randomUUID();
      await store.append(pledgeStream(pledgeId), [signed(pledgeId, i, signedAt)], 'no-stream');
    }

    const baselineStart = performance.now();
    const jobs = await rawAddBulk(redis.url, store);
    const baselineSeconds = (performance.now() - baselineStart) / 1000;
    await redis.command('FLUSHALL');

    const memoryBefore = await usedMemory(redis);
    const oursStart = performance.now();
    await viaScheduler(redis.url, store, dir.path);
    const oursSeconds = (performance.now() - oursStart) / 1000;
    const memoryPerPrompt = ((await usedMemory(redis)) - memoryBefore) / jobs;
    const keys = Number(await redis.command('DBSIZE'));
    if (keys < jobs) throw new Error(`Only ${keys} keys in Redis for ${jobs} jobs`);
    await store.close();

    return [
      {
        bench: 'reminders',
        case: `schedule ${pledges} pledges (${jobs} jobs)`,
        ours: pledges / oursSeconds,
        baseline: pledges / baselineSeconds,
        unit: 'pledges/s',
        ratio: baselineSeconds / oursSeconds,
        baselineName: 'raw BullMQ addBulk of the same jobs',
      },
      {
        bench: 'reminders',
        case: 'Redis memory per pending prompt',
        ours: memoryPerPrompt,
        baseline: memoryPerPrompt,
        unit: 'bytes',
        ratio: 1,
        baselineName: 'the same jobs',
      },
    ];
  } finally {
    await redis.stop();
    dir.remove();
  }
}

function signed(pledgeId: string, i: number, signedAt: string) {
  const data: PledgeSigned['data'] = {
    pledgeId,
    organisationId: `org-${i}`,
    signatory: { name: 'n', position: 'p' },
    signedAt,
    catalogueVersion: 'bench',
    commitments: [{ code: 'ai-literacy', tier: 'core', actions: [] }],
  };
  return {
    eventId: randomUUID(),
    type: 'PledgeSigned',
    schemaVersion: 1,
    recordedAt: signedAt,
    data,
    metadata: {
      actor: { keyId: 'bench', role: 'participant' as const },
      correlationId: 'c',
      causationId: 'c',
    },
  };
}

/** The same jobs, planned up front, then added 1,000 at a time. */
async function rawAddBulk(url: string, store: SqliteEventStore): Promise<number> {
  const events = await store.readAll({ maxCount: Number.MAX_SAFE_INTEGER });
  const connection = new IORedis(url, { maxRetriesPerRequest: null });
  const queue = new Queue('reminders', { connection, prefix: 'bench' });
  const now = Date.now();
  const jobs = events.flatMap((event) => {
    const data = event.data as PledgeSigned['data'];
    const pledge = {
      status: 'signed' as const,
      ...data,
      completedCycles: 0,
      promptsSent: [],
      timelineNotices: [],
      commitments: data.commitments.map((c) => ({ ...c, milestones: [] })),
    };
    return planReminders(pledge, config, { causationId: event.eventId, correlationId: 'c' });
  });
  for (let i = 0; i < jobs.length; i += 1000) {
    await queue.addBulk(
      jobs.slice(i, i + 1000).map((job) => ({
        name: job.data.kind,
        data: job.data,
        opts: { jobId: job.id, delay: Math.max(0, job.runAt - now) },
      })),
    );
  }
  await queue.close();
  connection.disconnect();
  return jobs.length;
}

async function viaScheduler(url: string, store: SqliteEventStore, dataDir: string): Promise<void> {
  const db = openAppDatabase(join(dataDir, 'app.db'), 'NORMAL');
  const ledger = new SqliteReminderLedger(db);
  const queues = new ReminderQueues({
    redisUrl: url,
    prefix: 'bench',
    deliveryAttempts: 1,
    deliveryRetryDelayMs: 1000,
    events: { onDown: () => undefined, onUp: () => undefined },
  });
  const reminders = new PledgeReminders(store, queues, ledger, config, clock);
  const deliveries = new DeliveryQueue(store, new SqliteDeliveryLog(db), queues);
  // The bench's log holds no timeline amendment, so no notice command is ever sent.
  const noCommands = {
    execute: () => Promise.reject(new Error('the reminders bench sends no commands')),
  };
  const timeline = new TimelineNotices(store, noCommands);
  const scheduler = new ReminderScheduler(store, ledger, reminders, deliveries, clock, timeline);
  await scheduler.catchUp();
  await queues.close();
  db.close();
}

async function usedMemory(redis: TestRedis): Promise<number> {
  const info = String(await redis.command('INFO', 'memory'));
  return Number(/used_memory:(\d+)/.exec(info)![1]);
}
