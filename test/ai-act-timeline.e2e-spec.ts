import { verifyWebhookSignature } from '@pact/reminders';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestRedis } from './support/redis-server';
import { eventually, history, sleep, type HistoryEvent } from './support/reminders';
import { SmtpInbox } from './support/smtp-inbox';
import { ADMIN_KEY, commitment, expectProblem, TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

jest.setTimeout(90_000);

/** The shipped reference data: the original timeline and the omnibus amendment. */
const shipped = JSON.parse(
  readFileSync(join(__dirname, '../libs/domain/src/timeline/ai-act-dates.json'), 'utf8'),
) as { versions: { version: string; act: string; inForceFrom: string; dates: unknown[] }[] };
const ORIGINAL = shipped.versions[0]!;
const OMNIBUS = shipped.versions[1]!;

/** Annex III high-risk systems: 2 August 2026 in the original, 2 December 2027 after the omnibus. */
const OLD_ANNEX_III = '2026-08-02';
const NEW_ANNEX_III = '2027-12-02';

const highRiskMapping = (...targetDates: string[]) => ({
  code: 'high-risk-mapping',
  actions: targetDates.map((targetDate, i) => ({
    description: `Map high-risk systems, step ${i + 1}`,
    status: 'planned',
    targetDate,
  })),
});

const pledgeWith = (...targetDates: string[]) => ({
  signatory: { name: 'Grace Hopper', position: 'Chief Executive' },
  commitments: [
    commitment('ai-governance-strategy'),
    highRiskMapping(...targetDates),
    commitment('ai-literacy'),
  ],
});

/** The flags of the pledge's high-risk-mapping actions, in order. */
async function mappingFlags(api: TestApp, pledgeId: string, query = '') {
  const response = await api.get(`/v1/pledges/${pledgeId}${query}`, { key: ADMIN_KEY });
  expect(response.status).toBe(200);
  const mapping = response.body.commitments.find(
    (c: { code: string }) => c.code === 'high-risk-mapping',
  );
  return {
    timelineVersion: response.body.timelineVersion as string,
    provisions: mapping.provisions,
    actions: mapping.actions.map((a: Record<string, unknown>) => ({
      targetDate: a['targetDate'],
      appliesFrom: a['appliesFrom'],
      afterApplication: a['afterApplication'],
    })),
  };
}

const notices = async (api: TestApp, pledgeId: string): Promise<HistoryEvent[]> =>
  (await history(api, pledgeId)).filter((e) => e.type === 'TimelineChangeNoticed');

describe('the AI Act timeline: pledges dated by it, and re-flagged when the law moves a date', () => {
  let redis: TestRedis;
  let receiver: WebhookReceiver;
  let smtp: SmtpInbox;
  let api: TestApp;

  beforeAll(async () => {
    redis = await TestRedis.start();
    receiver = await WebhookReceiver.start();
    smtp = await SmtpInbox.start();
    api = await TestApp.start({
      AI_ACT_TIMELINE_BASE: ORIGINAL.version,
      REDIS_URL: redis.url,
      RUN_WORKER: 'true',
      REMINDER_QUEUE_PREFIX: 'timeline-e2e',
      REMINDER_SWEEP_INTERVAL: 'PT1S',
      REMINDER_JOB_LOCK: 'PT2S',
      WEBHOOK_ALLOW_INSECURE: 'true',
      WEBHOOK_RETRY_DELAY: 'PT0.5S',
      WEBHOOK_TIMEOUT: 'PT2S',
      SMTP_URL: smtp.url,
    });
  });
  afterAll(async () => {
    await api.stop();
    await smtp.stop();
    await receiver.stop();
    await redis.stop();
  });

  it('dates pledges by the 2024 timeline, then re-flags them once the 2026 amendment is recorded', async () => {
    const timeline = await api.get('/v1/ai-act-timeline');
    expect(timeline.status).toBe(200);
    expect(timeline.body.version).toBe(ORIGINAL.version);
    expect(timeline.body.provisions).toContainEqual({
      provision: 'Annex III',
      annex: 'III',
      title: expect.any(String),
      appliesFrom: OLD_ANNEX_III,
    });
    expect(timeline.body.provisions).toContainEqual({
      provision: 'Art. 50(2)',
      article: 50,
      paragraph: 2,
      title: expect.any(String),
      appliesFrom: '2026-08-02',
    });

    // Actions before both Annex III dates, between them, and after both.
    const early = '2026-06-01';
    const between = '2027-01-15';
    const late = '2028-01-15';
    const acme = await api.registerOrganisation({ webhookUrl: `${receiver.url}/acme` });
    const signed = await api.post('/v1/pledges', {
      key: acme.apiKey,
      body: pledgeWith(early, between, late),
    });
    expect(signed.status).toBe(201);
    const acmePledge = signed.body.pledgeId as string;
    const other = await api.registerOrganisation({
      name: 'Beta AI',
      webhookUrl: `${receiver.url}/beta`,
    });
    const otherPledge = (
      await api.post('/v1/pledges', { key: other.apiKey, body: pledgeWith(early) })
    ).body.pledgeId as string;
    const gone = await api.registerOrganisation({ name: 'Gone AI' });
    const gonePledge = (await api.post('/v1/pledges', { key: gone.apiKey, body: pledgeWith(late) }))
      .body.pledgeId as string;
    expect(
      (
        await api.post(`/v1/pledges/${gonePledge}/withdraw`, {
          key: gone.apiKey,
          body: { reason: 'Leaving the Pact' },
        })
      ).status,
    ).toBe(200);

    const before = await mappingFlags(api, acmePledge);
    expect(before.timelineVersion).toBe(ORIGINAL.version);
    expect(before.provisions).toEqual([
      { provision: 'Art. 6(1)', link: 'implements', appliesFrom: '2027-08-02' },
      { provision: 'Art. 6(2)', link: 'implements', appliesFrom: OLD_ANNEX_III },
      { provision: 'Annex I', link: 'implements', appliesFrom: '2027-08-02' },
      { provision: 'Annex III', link: 'implements', appliesFrom: OLD_ANNEX_III },
    ]);
    expect(before.actions).toEqual([
      { targetDate: early, appliesFrom: OLD_ANNEX_III, afterApplication: false },
      { targetDate: between, appliesFrom: OLD_ANNEX_III, afterApplication: true },
      { targetDate: late, appliesFrom: OLD_ANNEX_III, afterApplication: true },
    ]);
    const analyst = await api.issueKey('analyst');
    const annexIII = async () => {
      const response = await api.get('/v1/analytics/provisions', { key: analyst });
      expect(response.status).toBe(200);
      return {
        ...response.body,
        provisions: undefined,
        annexIII: response.body.provisions.find(
          (p: { provision: string }) => p.provision === 'Annex III',
        ),
      };
    };
    await eventually(
      async () => (await annexIII()).annexIII.actions.before === 2,
      'the action figures',
    );
    expect(await annexIII()).toMatchObject({
      timelineVersion: ORIGINAL.version,
      previousVersion: null,
      annexIII: {
        appliesFrom: OLD_ANNEX_III,
        actions: { before: 2, after: 2, noTarget: 0 },
        previous: null,
      },
    });

    // Only admins record the law's amendments.
    const refused = await api.post('/v1/admin/ai-act-timeline', { key: analyst, body: OMNIBUS });
    expectProblem(refused, 403);
    const recorded = await api.post('/v1/admin/ai-act-timeline', {
      key: ADMIN_KEY,
      headers: { 'x-correlation-id': 'omnibus-recorded' },
      body: OMNIBUS,
    });
    expect(recorded.status).toBe(201);
    expect(recorded.body.version).toBe(OMNIBUS.version);
    expect(recorded.body.previousVersion).toBe(ORIGINAL.version);
    // Every change is computed against the previous version: Art. 50 did not move.
    expect(recorded.body.changes).toEqual(
      expect.arrayContaining([
        { provision: 'Art. 6(1)', from: '2027-08-02', to: '2028-08-02' },
        { provision: 'Art. 6(2)', from: OLD_ANNEX_III, to: NEW_ANNEX_III },
        { provision: 'Annex I', from: '2027-08-02', to: '2028-08-02' },
        { provision: 'Annex III', from: OLD_ANNEX_III, to: NEW_ANNEX_III },
        { provision: 'Art. 57', from: '2026-08-02', to: '2027-08-02' },
      ]),
    );
    expect(recorded.body.changes.map((c: { provision: string }) => c.provision)).not.toContain(
      'Art. 50(2)',
    );
    const after = await api.get('/v1/ai-act-timeline');
    expect(after.body.version).toBe(OMNIBUS.version);
    const amendment = after.body.versions.find(
      (v: { version: string }) => v.version === OMNIBUS.version,
    );
    expect(amendment).toMatchObject({ source: 'recorded', previousVersion: ORIGINAL.version });

    // Each pledge with an action linked to a moved provision gets one notice, caused by the amendment.
    const [acmeNotice] = await eventually(async () => {
      const found = await notices(api, acmePledge);
      return found.length === 1 && found;
    }, 'the notice on the first pledge');
    expect(acmeNotice!.metadata).toMatchObject({
      actor: { role: 'system' },
      causationId: amendment.eventId,
      correlationId: 'omnibus-recorded',
    });
    expect(acmeNotice!.data['timelineVersion']).toBe(OMNIBUS.version);
    expect(acmeNotice!.data['channels']).toEqual(['inbox', 'webhook', 'email']);
    const mappingActions = (acmeNotice!.data['actions'] as Record<string, any>[]).filter(
      (a) => a['commitmentCode'] === 'high-risk-mapping',
    );
    expect(mappingActions.map((a) => [a['targetDate'], a['before'], a['after']])).toEqual([
      [
        early,
        { appliesFrom: OLD_ANNEX_III, afterApplication: false },
        { appliesFrom: NEW_ANNEX_III, afterApplication: false },
      ],
      [
        between,
        { appliesFrom: OLD_ANNEX_III, afterApplication: true },
        { appliesFrom: NEW_ANNEX_III, afterApplication: false },
      ],
      [
        late,
        { appliesFrom: OLD_ANNEX_III, afterApplication: true },
        { appliesFrom: NEW_ANNEX_III, afterApplication: true },
      ],
    ]);
    await eventually(
      async () => (await notices(api, otherPledge)).length === 1,
      'the notice on the second pledge',
    );

    // The pledge now reads against the new dates; as it was before the amendment, against the old.
    const now = await mappingFlags(api, acmePledge);
    expect(now.timelineVersion).toBe(OMNIBUS.version);
    expect(now.actions.map((a: { afterApplication: boolean }) => a.afterApplication)).toEqual([
      false,
      false,
      true,
    ]);
    const asOf = encodeURIComponent(new Date(Date.parse(amendment.recordedAt) - 1).toISOString());
    const then = await mappingFlags(api, acmePledge, `?asOf=${asOf}`);
    expect(then.timelineVersion).toBe(ORIGINAL.version);
    expect(then.actions.map((a: { afterApplication: boolean }) => a.afterApplication)).toEqual([
      false,
      true,
      true,
    ]);

    // Deliveries: one signed webhook per pledge, one email, and the inbox.
    await eventually(() => receiver.acknowledged('/acme').size === 1, 'the webhook to acme');
    await eventually(() => receiver.acknowledged('/beta').size === 1, 'the webhook to beta');
    const [delivery] = receiver.on('/acme');
    expect(
      verifyWebhookSignature(
        delivery!.body,
        acme.webhookSecret,
        String(delivery!.headers['x-pact-signature']),
      ),
    ).toBe(true);
    const body = JSON.parse(delivery!.body);
    expect(body).toMatchObject({
      type: 'timeline-changed',
      noticeId: acmeNotice!.data['noticeId'],
      organisationId: acme.organisationId,
      pledgeId: acmePledge,
      timelineVersion: OMNIBUS.version,
      previousVersion: ORIGINAL.version,
      changes: expect.arrayContaining([
        { provision: 'Annex III', from: OLD_ANNEX_III, to: NEW_ANNEX_III },
      ]),
    });
    expect(delivery!.headers['x-pact-delivery']).toBe(acmeNotice!.data['noticeId']);
    await eventually(
      () => smtp.mails.filter((m) => m.to.includes('ada@acme.example')).length >= 2,
      'the emails',
    );
    expect(smtp.mails.filter((m) => /AI Act timeline changed/.test(m.raw))).toHaveLength(2);
    const inbox = await eventually(async () => {
      const response = await api.get(`/v1/organisations/${acme.organisationId}/notices`, {
        key: acme.apiKey,
      });
      return response.body.items?.length === 1 && response.body;
    }, 'the inbox notice');
    expect(inbox.items[0]).toMatchObject({
      noticeId: acmeNotice!.data['noticeId'],
      type: 'timeline-changed',
      pledgeId: acmePledge,
      timelineVersion: OMNIBUS.version,
    });

    // The withdrawn pledge is not told.
    expect(await notices(api, gonePledge)).toEqual([]);

    // Analysts see what the amendment changed: the action planned between the two dates moved sides.
    await eventually(
      async () => (await annexIII()).timelineVersion === OMNIBUS.version,
      'the new figures',
    );
    expect(await annexIII()).toMatchObject({
      timelineVersion: OMNIBUS.version,
      previousVersion: ORIGINAL.version,
      annexIII: {
        appliesFrom: NEW_ANNEX_III,
        actions: { before: 3, after: 1, noTarget: 0 },
        previous: { appliesFrom: OLD_ANNEX_III, actions: { before: 2, after: 2, noTarget: 0 } },
      },
    });

    // Recording the same version again changes nothing and notifies nobody twice.
    const again = await api.post('/v1/admin/ai-act-timeline', { key: ADMIN_KEY, body: OMNIBUS });
    expect(again.status).toBe(201);
    expect(again.body.revision).toBe(recorded.body.revision);
    await sleep(1500);
    expect(await notices(api, acmePledge)).toHaveLength(1);
    expect(receiver.acknowledged('/acme').size).toBe(1);
  });

  it('refuses a version that names an unknown provision, reuses a name, or predates the one in force', async () => {
    const unknown = await api.post('/v1/admin/ai-act-timeline', {
      key: ADMIN_KEY,
      body: {
        version: 'made-up',
        act: 'Regulation (EU) 2099/1',
        inForceFrom: '2099-01-01',
        dates: [{ date: '2099-02-01', what: 'Nothing real', provisions: ['Art. 999'] }],
      },
    });
    expectProblem(unknown, 400);
    expect(unknown.body.errors).toContainEqual({
      field: 'dates[0].provisions[0]',
      message: "unknown provision 'Art. 999'",
    });
    const reused = await api.post('/v1/admin/ai-act-timeline', {
      key: ADMIN_KEY,
      body: { ...ORIGINAL, act: 'Another act' },
    });
    expectProblem(reused, 409);
    const earlier = await api.post('/v1/admin/ai-act-timeline', {
      key: ADMIN_KEY,
      body: { ...OMNIBUS, version: 'backdated', inForceFrom: '2020-01-01' },
    });
    expectProblem(earlier, 400);
    const malformed = await api.post('/v1/admin/ai-act-timeline', {
      key: ADMIN_KEY,
      body: { version: 'x', act: 'y', inForceFrom: 'soon', dates: 'none' },
    });
    expectProblem(malformed, 400);
    const timeline = await api.get('/v1/ai-act-timeline');
    expect(timeline.body.versions.map((v: { version: string }) => v.version)).not.toContain(
      'made-up',
    );
  });

  it('a notice whose jobs Redis lost is still delivered, once', async () => {
    // The first attempt hangs; meanwhile Redis loses every job. The sweep restores the delivery.
    receiver.answer('/flushed', (attempt) => (attempt === 1 ? 'hang' : 200));
    const organisation = await api.registerOrganisation({
      name: 'Flushed AI',
      webhookUrl: `${receiver.url}/flushed`,
    });
    const pledgeId = (
      await api.post('/v1/pledges', {
        key: organisation.apiKey,
        body: pledgeWith('2027-09-01'),
      })
    ).body.pledgeId as string;
    const sandbox = {
      version: 'test-amendment-of-annex-iii',
      act: 'A later amending act',
      inForceFrom: '2026-11-01',
      dates: [
        {
          date: '2028-02-02',
          what: 'Annex III moved again',
          provisions: ['Art. 6(2)', 'Annex III'],
        },
      ],
    };
    expect(
      (await api.post('/v1/admin/ai-act-timeline', { key: ADMIN_KEY, body: sandbox })).status,
    ).toBe(201);
    await eventually(() => receiver.on('/flushed').length === 1, 'the hanging delivery');
    expect(await redis.command('FLUSHALL')).toBe('OK');
    await eventually(
      () => receiver.acknowledged('/flushed').size === 1,
      'the restored delivery',
      30_000,
    );
    await sleep(1500);
    const [notice] = await notices(api, pledgeId);
    expect([...receiver.acknowledged('/flushed').entries()]).toEqual([
      [notice!.data['noticeId'], 1],
    ]);
  });
});
