import { TestRedis } from './support/redis-server';
import { eventually, FAST_REPORTING, promptsOf } from './support/reminders';
import { SmtpInbox } from './support/smtp-inbox';
import { ADMIN_KEY, expectProblem, TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

jest.setTimeout(90_000);

describe('reminder operations: email, dead letters, the queue dashboard and health', () => {
  let redis: TestRedis;
  let receiver: WebhookReceiver;
  let smtp: SmtpInbox;
  let api: TestApp;

  beforeAll(async () => {
    redis = await TestRedis.start();
    receiver = await WebhookReceiver.start();
    smtp = await SmtpInbox.start();
    api = await TestApp.start({
      ...FAST_REPORTING,
      REDIS_URL: redis.url,
      RUN_WORKER: 'true',
      SMTP_URL: smtp.url,
      SMTP_FROM: 'AI Pact registry <registry@pact.test>',
      WEBHOOK_ATTEMPTS: '2',
    });
  });
  afterAll(async () => {
    await api.stop();
    await smtp.stop();
    await receiver.stop();
    await redis.stop();
  });

  it('emails each prompt to the organisation contact through the SMTP server', async () => {
    const pledge = await api.signedPledge({
      contact: { name: 'Mary Somerville', email: 'mary@mail.example' },
    });
    const [prompt] = await eventually(
      async () =>
        (await promptsOf(api, pledge.pledgeId)).length > 0 && promptsOf(api, pledge.pledgeId),
      'a prompt',
    );
    expect(prompt!.data['channels']).toEqual(['inbox', 'email']);
    const mail = await eventually(
      () => smtp.mails.find((m) => m.to.includes('mary@mail.example')),
      'the email',
    );
    expect(mail.from).toBe('registry@pact.test');
    expect(mail.raw).toContain(`X-Pact-Delivery: ${prompt!.data['promptId']}`);
    expect(mail.raw).toMatch(/Subject: AI Pact: reporting cycle 1 falls due on \d{4}-\d{2}-\d{2}/);
    expect(mail.raw).toContain(pledge.pledgeId);

    // Jobs in Redis carry ids only: nothing of the contact it was sent to.
    const keys = (await redis.command('KEYS', '*')) as string[];
    const stored: string[] = [];
    for (const key of keys) {
      const type = String(await redis.command('TYPE', key));
      if (type === 'hash') stored.push(JSON.stringify(await redis.command('HGETALL', key)));
      if (type === 'string') stored.push(String(await redis.command('GET', key)));
    }
    expect(stored.join('\n')).toContain(pledge.pledgeId);
    expect(stored.join('\n')).not.toContain('mary@mail.example');
    expect(stored.join('\n')).not.toContain('Mary Somerville');
  });

  it('dead-letters a delivery that used up its retries; an admin sees it and retries it', async () => {
    let healthy = false;
    receiver.answer('/down', () => (healthy ? 200 : 500));
    const pledge = await api.signedPledge({ webhookUrl: `${receiver.url}/down` });
    const dead = await eventually(async () => {
      const response = await api.get('/v1/admin/deliveries?status=dead', { key: ADMIN_KEY });
      return response.body.items.find(
        (d: { organisationId: string }) => d.organisationId === pledge.organisationId,
      );
    }, 'a dead letter');
    expect(dead).toMatchObject({
      channel: 'webhook',
      status: 'dead',
      attempts: 2,
      lastError: 'webhook answered HTTP 500',
    });
    expect(dead).not.toHaveProperty('payload');

    const participant = await api.get('/v1/admin/deliveries?status=dead', { key: pledge.apiKey });
    expectProblem(participant, 403);
    const badStatus = await api.get('/v1/admin/deliveries?status=lost', { key: ADMIN_KEY });
    expectProblem(badStatus, 400);
    // The same prompt's email went out: only dead deliveries are retried.
    const delivered = await api.post(`/v1/admin/deliveries/${dead.promptId}/email/retry`, {
      key: ADMIN_KEY,
    });
    expectProblem(delivered, 409);
    expectProblem(
      await api.post('/v1/admin/deliveries/no-such-prompt/webhook/retry', { key: ADMIN_KEY }),
      404,
    );
    expectProblem(
      await api.post(`/v1/admin/deliveries/${dead.promptId}/fax/retry`, { key: ADMIN_KEY }),
      400,
    );

    healthy = true;
    const retried = await api.post(`/v1/admin/deliveries/${dead.promptId}/webhook/retry`, {
      key: ADMIN_KEY,
    });
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({ promptId: dead.promptId, status: 'pending' });
    await eventually(
      () => receiver.acknowledged('/down').get(dead.promptId) === 1,
      'the retried delivery',
    );
    const again = await api.post(`/v1/admin/deliveries/${dead.promptId}/webhook/retry`, {
      key: ADMIN_KEY,
    });
    expectProblem(again, 409);
  });

  it('serves Bull Board at /admin/queues to admins only', async () => {
    const anonymous = await api.get('/admin/queues');
    expectProblem(anonymous, 401);
    expect(anonymous.headers.get('www-authenticate')).toContain('Basic');
    const reviewer = await api.issueKey('reviewer');
    expectProblem(await api.get('/admin/queues', { key: reviewer }), 403);
    expectProblem(await api.get('/admin/queues', { key: 'pact_unknown_key' }), 401);

    const page = await api.get('/admin/queues', { key: ADMIN_KEY });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const basic = Buffer.from(`admin:${ADMIN_KEY}`).toString('base64');
    const queues = await api.get('/admin/queues/api/queues', {
      headers: { authorization: `Basic ${basic}` },
    });
    expect(queues.status).toBe(200);
    expect(queues.body.queues.map((q: { name: string }) => q.name).sort()).toEqual([
      'deliveries',
      'reminders',
    ]);
  });

  it('reports queue depth and prompt counts in /health', async () => {
    const health = await api.get('/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    expect(health.body.details.reminders).toMatchObject({
      status: 'up',
      worker: 'in-process',
      queues: {
        reminders: { waiting: expect.any(Number), delayed: expect.any(Number) },
        deliveries: { waiting: expect.any(Number), failed: expect.any(Number) },
      },
      prompts: { upcoming: expect.any(Number) },
      scheduledPledges: expect.any(Number),
      deliveries: { delivered: expect.any(Number), dead: expect.any(Number) },
    });
    expect(health.body.degraded).toBeUndefined();
  });
});
