import { verifyWebhookSignature } from '@pact/reminders';
import { TestRedis } from './support/redis-server';
import {
  completeCycle,
  eventually,
  FAST_REPORTING,
  history,
  promptsOf,
  sleep,
  STAGES_IN_ORDER,
} from './support/reminders';
import { ADMIN_KEY, expectProblem, organisationBody, TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

jest.setTimeout(90_000);

const PREFIX = 'reminders-e2e';

describe('reporting prompts through BullMQ on a real Redis (worker in the api process)', () => {
  let redis: TestRedis;
  let receiver: WebhookReceiver;
  let api: TestApp;

  beforeAll(async () => {
    redis = await TestRedis.start();
    receiver = await WebhookReceiver.start();
    api = await TestApp.start({
      ...FAST_REPORTING,
      REDIS_URL: redis.url,
      RUN_WORKER: 'true',
      REMINDER_QUEUE_PREFIX: PREFIX,
    });
  });
  afterAll(async () => {
    await api.stop();
    await receiver.stop();
    await redis.stop();
  });

  const organisationWithWebhook = (path: string) =>
    api.signedPledge({ webhookUrl: `${receiver.url}${path}` });

  it('takes a local receiver (WEBHOOK_ALLOW_INSECURE) but never a webhook leading back to the server itself', async () => {
    const port = new URL(api.url).port;
    const acme = await api.registerOrganisation({ webhookUrl: `${receiver.url}/local` });
    for (const webhookUrl of [
      `${api.url}/v1/organisations`,
      `http://localhost:${port}/hook`,
      `http://[::1]:${port}/hook`,
      `http://0.0.0.0:${port}/hook`,
    ]) {
      const registered = await api.post('/v1/organisations', {
        body: organisationBody({ webhookUrl }),
      });
      expectProblem(registered, 400);
      expect(registered.body.errors).toEqual([
        expect.objectContaining({ field: 'webhookUrl', message: 'must not point at this server' }),
      ]);
      const changed = await api.request('PATCH', `/v1/organisations/${acme.organisationId}`, {
        key: acme.apiKey,
        body: { webhookUrl },
      });
      expectProblem(changed, 400);
    }
    const profile = await api.get(`/v1/organisations/${acme.organisationId}`, { key: ADMIN_KEY });
    expect(profile.body.webhookUrl).toBe(`${receiver.url}/local`);
  });

  it('prompts every stage of a cycle once and in order, then stops prompting a completed cycle', async () => {
    const correlationId = 'sign-request-for-reminders';
    const acme = await api.registerOrganisation({ webhookUrl: `${receiver.url}/acme` });
    const signed = await api.post('/v1/pledges', {
      key: acme.apiKey,
      headers: { 'x-correlation-id': correlationId },
      body: (await import('./support/test-app')).pledgeBody(),
    });
    expect(signed.status).toBe(201);
    const pledgeId = signed.body.pledgeId as string;

    const cycleOne = await eventually(async () => {
      const prompts = await promptsOf(api, pledgeId);
      return prompts.length === 4 && prompts;
    }, 'the four prompts of cycle 1');
    expect(cycleOne.map((e) => ({ stage: e.data['stage'], offset: e.data['offset'] }))).toEqual(
      STAGES_IN_ORDER,
    );
    expect(cycleOne.every((e) => e.data['cycle'] === 1)).toBe(true);
    // Each went out at its time, not before: due date minus its offset.
    for (const prompt of cycleOne) {
      expect(Date.parse(prompt.data['sentAt'])).toBeGreaterThanOrEqual(
        Date.parse(prompt.data['dueAt']) + Number(/-?\d+/.exec(prompt.data['offset'])![0]) * 1000,
      );
    }
    // Caused by the signature, correlated with the request that signed.
    const events = await history(api, pledgeId);
    const signature = events.find((e) => e.type === 'PledgeSigned')!;
    for (const prompt of cycleOne) {
      expect(prompt.metadata).toMatchObject({
        actor: { role: 'system' },
        causationId: signature.eventId,
        correlationId,
      });
      expect(prompt.data['channels']).toEqual(['inbox', 'webhook']);
    }

    await completeCycle(api, pledgeId, acme.apiKey);
    const completed = (await history(api, pledgeId)).find(
      (e) => e.type === 'ReportingCycleCompleted',
    )!;
    // Cycle 2 falls due 20 s after signature; report right after its first prompt.
    const first = await eventually(async () => {
      const prompts = (await promptsOf(api, pledgeId)).filter((e) => e.data['cycle'] === 2);
      return prompts.length >= 1 && prompts[0];
    }, 'the first prompt of cycle 2');
    expect(first.metadata.causationId).toBe(completed.eventId);
    await completeCycle(api, pledgeId, acme.apiKey);
    const cycleTwoDue = Date.parse(first.data['dueAt']);
    // Past the rest of cycle 2's stages (due + 2 s), before cycle 3's first (due + 6 s).
    await sleep(Math.max(0, cycleTwoDue + 3000 - Date.now()));
    const all = await promptsOf(api, pledgeId);
    expect(all.filter((e) => e.data['cycle'] === 2)).toHaveLength(1);
    expect(all.filter((e) => e.data['cycle'] === 3)).toHaveLength(0);

    // Every recorded prompt reached the webhook exactly once, signed with the organisation's secret.
    await eventually(() => receiver.acknowledged('/acme').size === 5, 'five deliveries');
    const acknowledged = receiver.acknowledged('/acme');
    expect([...acknowledged.keys()].sort()).toEqual(all.map((e) => e.data['promptId']).sort());
    expect([...acknowledged.values()].every((n) => n === 1)).toBe(true);
    for (const delivery of receiver.on('/acme')) {
      expect(
        verifyWebhookSignature(
          delivery.body,
          acme.webhookSecret,
          String(delivery.headers['x-pact-signature']),
        ),
      ).toBe(true);
      const body = JSON.parse(delivery.body);
      expect(body).toEqual({
        type: 'reporting-prompt',
        promptId: delivery.headers['x-pact-delivery'],
        organisationId: acme.organisationId,
        pledgeId,
        cycle: expect.any(Number),
        stage: expect.stringMatching(/^(upcoming|due|overdue)$/),
        dueAt: expect.any(String),
        sentAt: expect.any(String),
      });
    }

    // The inbox shows the same prompts.
    const inbox = await eventually(async () => {
      const response = await api.get(`/v1/organisations/${acme.organisationId}/prompts`, {
        key: acme.apiKey,
      });
      return response.body.items.length === 5 && response.body.items;
    }, 'the inbox');
    expect(inbox.map((p: { promptId: string }) => p.promptId).sort()).toEqual(
      all.map((e) => e.data['promptId']).sort(),
    );
  });

  it('sends nothing after a withdrawal', async () => {
    const pledge = await organisationWithWebhook('/withdrawn');
    await eventually(
      async () => (await promptsOf(api, pledge.pledgeId)).length === 1,
      'the first prompt',
    );
    const delayedOfPledge = async () =>
      (
        (await redis.command('ZRANGE', `${PREFIX}:reminders:delayed`, '0', '-1')) as string[]
      ).filter((id) => id.includes(pledge.pledgeId));
    expect((await delayedOfPledge()).length).toBeGreaterThan(0);
    const withdrawn = await api.post(`/v1/pledges/${pledge.pledgeId}/withdraw`, {
      key: pledge.apiKey,
      body: { reason: 'Leaving the programme' },
    });
    expect(withdrawn.status).toBe(200);
    // The withdrawal removes the pledge's remaining delayed jobs from Redis.
    await eventually(async () => (await delayedOfPledge()).length === 0, 'the delayed jobs to go');
    // Past every stage of cycle 1 and its non-reporting mark.
    await sleep(9000);
    const events = await history(api, pledge.pledgeId);
    expect(events.filter((e) => e.type === 'ReportingPromptSent')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'PledgeMarkedNonReporting')).toHaveLength(0);
    expect(events.at(-1)!.type).toBe('PledgeWithdrawn');
  });

  it('marks a pledge past NON_REPORTING_AFTER non-reporting, and completing the cycle clears it', async () => {
    const pledge = await api.signedPledge();
    const marked = await eventually(async () => {
      const events = await history(api, pledge.pledgeId);
      return events.find((e) => e.type === 'PledgeMarkedNonReporting');
    }, 'the non-reporting mark');
    expect(marked.data).toMatchObject({ pledgeId: pledge.pledgeId, cycle: 1 });
    expect(Date.parse(marked.data['markedAt'])).toBeGreaterThanOrEqual(
      Date.parse(marked.data['dueAt']) + 4000,
    );
    const status = async () =>
      (await api.get(`/v1/pledges/${pledge.pledgeId}`, { key: pledge.apiKey })).body.reporting;
    expect(await status()).toMatchObject({ cycle: 1, status: 'non-reporting' });

    await completeCycle(api, pledge.pledgeId, pledge.apiKey);
    expect(await status()).toMatchObject({ cycle: 2, status: expect.not.stringMatching('non-') });
    const events = await history(api, pledge.pledgeId);
    expect(events.filter((e) => e.type === 'PledgeMarkedNonReporting')).toHaveLength(1);
  });

  it('retries a webhook that fails three times and delivers it with a valid signature', async () => {
    receiver.answer('/flaky', (attempt) => (attempt <= 3 ? 503 : 200));
    const pledge = await organisationWithWebhook('/flaky');
    const prompt = await eventually(
      async () => (await promptsOf(api, pledge.pledgeId))[0],
      'a prompt',
    );
    const promptId = prompt.data['promptId'] as string;
    await eventually(() => receiver.acknowledged('/flaky').get(promptId), 'the delivery');
    const attempts = receiver.on('/flaky').filter((r) => r.headers['x-pact-delivery'] === promptId);
    expect(attempts.map((r) => r.status)).toEqual([503, 503, 503, 200]);
    expect(new Set(attempts.map((r) => r.body)).size).toBe(1);
    for (const attempt of attempts) {
      expect(
        verifyWebhookSignature(
          attempt.body,
          pledge.webhookSecret,
          String(attempt.headers['x-pact-signature']),
        ),
      ).toBe(true);
    }
    const deliveries = await api.get('/v1/admin/deliveries?status=delivered', { key: ADMIN_KEY });
    expect(deliveries.body.items).toContainEqual(
      expect.objectContaining({ promptId, channel: 'webhook', status: 'delivered', attempts: 4 }),
    );
  });
});
