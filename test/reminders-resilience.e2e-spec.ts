import { randomUUID } from 'node:crypto';
import { TestRedis } from './support/redis-server';
import { eventually, FAST_REPORTING, promptsOf, STAGES_IN_ORDER } from './support/reminders';
import { TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';
import { WorkerProcess } from './support/worker-process';

jest.setTimeout(120_000);

/**
 * Separate worker processes against their own Redis, sharing the api's data directory as a
 * deployment shares its event store. Each test ends by counting what the event store recorded and
 * what the receiver acknowledged: every prompt once, none lost, none repeated.
 */
describe('reminders survive crashes, concurrency and a Redis that loses everything', () => {
  let redis: TestRedis;
  let receiver: WebhookReceiver;
  let api: TestApp;
  let workerEnv: Record<string, string>;
  const workers: WorkerProcess[] = [];

  beforeEach(async () => {
    redis = await TestRedis.start();
    receiver = await WebhookReceiver.start();
    const shared = {
      ...FAST_REPORTING,
      REDIS_URL: redis.url,
      REMINDER_QUEUE_PREFIX: `resilience-${randomUUID()}`,
    };
    api = await TestApp.start({ ...shared, RUN_WORKER: 'false' });
    workerEnv = { ...shared, DATA_DIR: api.dataDir, SQLITE_SYNCHRONOUS: 'NORMAL' };
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((worker) => worker.stop()));
    await api.stop();
    await receiver.stop();
    await redis.stop();
  });

  const startWorker = async () => {
    const worker = await WorkerProcess.start(workerEnv);
    workers.push(worker);
    return worker;
  };

  /** Waits for the four prompts of cycle 1, then checks each was recorded and acknowledged once. */
  async function expectCycleOnePromptedOnce(pledge: { pledgeId: string }, path: string) {
    const prompts = await eventually(async () => {
      const recorded = (await promptsOf(api, pledge.pledgeId)).filter((e) => e.data['cycle'] === 1);
      return recorded.length >= 4 && recorded;
    }, `cycle 1 of ${pledge.pledgeId}`);
    expect(prompts.map((e) => ({ stage: e.data['stage'], offset: e.data['offset'] }))).toEqual(
      STAGES_IN_ORDER,
    );
    const ids = prompts.map((e) => e.data['promptId'] as string).sort();
    await eventually(() => receiver.acknowledged(path).size === 4, `deliveries to ${path}`);
    const acknowledged = receiver.acknowledged(path);
    expect([...acknowledged.keys()].sort()).toEqual(ids);
    expect([...acknowledged.values()]).toEqual([1, 1, 1, 1]);
  }

  it('two worker processes at once send each prompt once', async () => {
    await Promise.all([startWorker(), startWorker()]);
    const pledges = await Promise.all(
      ['/a', '/b', '/c'].map((path) => api.signedPledge({ webhookUrl: `${receiver.url}${path}` })),
    );
    await Promise.all(
      pledges.map((pledge, i) => expectCycleOnePromptedOnce(pledge, ['/a', '/b', '/c'][i]!)),
    );
    expect(receiver.received).toHaveLength(12);

    // SIGTERM closes a worker gracefully: its jobs finish, its connections close, it exits.
    const [first] = workers;
    await first!.stop();
    expect(first!.output).toContain('Reminder worker stopped');
  });

  it('after FLUSHALL mid-cycle the sweep restores every pending prompt, none lost, none repeated', async () => {
    await startWorker();
    const pledge = await api.signedPledge({ webhookUrl: `${receiver.url}/flushed` });
    await eventually(
      () => receiver.acknowledged('/flushed').size === 1,
      'the first prompt delivered',
    );
    expect(await redis.command('FLUSHALL')).toBe('OK');
    expect(await redis.command('DBSIZE')).toBe(0);
    await expectCycleOnePromptedOnce(pledge, '/flushed');
    // The sweep's own job scheduler came back too.
    await eventually(
      async () => ((await redis.command('KEYS', '*reminder-sweep*')) as string[]).length > 0,
      'the sweep scheduler',
    );
  });

  it('a worker killed with SIGKILL mid-job: the prompt is recorded and delivered once after restart', async () => {
    // The first delivery hangs, so the worker dies holding the job.
    receiver.answer('/killed', (attempt) => (attempt === 1 ? 'hang' : 200));
    const first = await startWorker();
    const pledge = await api.signedPledge({ webhookUrl: `${receiver.url}/killed` });
    await eventually(() => receiver.on('/killed').length === 1, 'the hanging delivery');
    await first.kill();
    const inFlight = String(receiver.on('/killed')[0]!.headers['x-pact-delivery']);
    expect(receiver.acknowledged('/killed').size).toBe(0);

    await startWorker();
    await expectCycleOnePromptedOnce(pledge, '/killed');
    // The hung attempt was never acknowledged; the retry after the restart was, once.
    expect(receiver.acknowledged('/killed').get(inFlight)).toBe(1);
  });
});
