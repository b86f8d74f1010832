import { handle, loadConfig, type CommandContext } from '@pact/application';
import { pledgeDecider, pledgeStream, reportingSchedule, type ActivePledge } from '@pact/domain';
import { SqliteEventStore } from '@pact/event-store';
import { join } from 'node:path';
import { expectProblem, TestApp } from './support/test-app';

describe('prompts inbox over HTTP', () => {
  let api: TestApp;
  beforeAll(async () => (api = await TestApp.start()));
  afterAll(() => api.stop());

  it("lists an organisation's recorded prompts, newest first, to its participants, reviewers and admins", async () => {
    const acme = await api.signedPledge();
    // Record the first two prompts of cycle 1 through the pledge decider, as the reminder worker does.
    const store = new SqliteEventStore({ filename: join(api.dataDir, 'events.db') });
    const config = loadConfig({}).reporting;
    let last = 0n;
    for (let i = 0; i < 2; i++) {
      const stream = await store.readStream(pledgeStream(acme.pledgeId));
      const state = stream.reduce(
        (s, e) => pledgeDecider.evolve(s, { type: e.type, data: e.data } as never),
        pledgeDecider.initialState(),
      ) as ActivePledge;
      const prompt = reportingSchedule(state, config)!.prompts[0]!;
      const context: CommandContext = {
        commandId: `prompt-${i}`,
        actor: { keyId: 'reminder-worker', role: 'system' },
        correlationId: `prompt-${i}`,
        causationId: stream[0]!.eventId,
        now: new Date(prompt.sendAt),
      };
      const result = await handle(
        store,
        pledgeDecider,
        pledgeStream(acme.pledgeId),
        {
          type: 'SendReportingPrompt',
          data: {
            promptId: `prompt-${i}`,
            cycle: prompt.cycle,
            stage: prompt.stage,
            offset: prompt.offset,
            dueAt: prompt.dueAt,
            sentAt: prompt.sendAt,
            channels: ['inbox'],
          },
        },
        context,
      );
      last = result.position;
    }
    await store.close();

    const inbox = await api.get(
      `/v1/organisations/${acme.organisationId}/prompts?minPosition=${last}`,
      { key: acme.apiKey },
    );
    expect(inbox.status).toBe(200);
    expect(inbox.body).toEqual({
      items: [
        {
          promptId: 'prompt-1',
          pledgeId: acme.pledgeId,
          cycle: 1,
          stage: 'upcoming',
          dueAt: expect.any(String),
          sentAt: expect.any(String),
        },
        {
          promptId: 'prompt-0',
          pledgeId: acme.pledgeId,
          cycle: 1,
          stage: 'upcoming',
          dueAt: expect.any(String),
          sentAt: expect.any(String),
        },
      ],
      nextCursor: null,
      total: 2,
    });
    expect(inbox.body.items[0].sentAt > inbox.body.items[1].sentAt).toBe(true);
    const reviewer = await api.issueKey('reviewer');
    expect(
      (await api.get(`/v1/organisations/${acme.organisationId}/prompts`, { key: reviewer })).body
        .total,
    ).toBe(2);
    expectProblem(
      await api.get(`/v1/organisations/${acme.organisationId}/prompts`, {
        key: (await api.registerOrganisation()).apiKey,
      }),
      404,
    );
    expectProblem(
      await api.get(`/v1/organisations/${acme.organisationId}/prompts`, {
        key: await api.issueKey('analyst'),
      }),
      403,
    );
    expectProblem(await api.get(`/v1/organisations/${acme.organisationId}/prompts`), 401);

    // Prompts are part of the pledge's audit history, with the causing event as causation.
    const history = await api.get(`/v1/pledges/${acme.pledgeId}/history`, { key: reviewer });
    const prompts = history.body.events.filter(
      (e: { type: string }) => e.type === 'ReportingPromptSent',
    );
    expect(prompts.map((e: any) => e.metadata.causationId)).toEqual([
      history.body.events[0].eventId,
      history.body.events[0].eventId,
    ]);
  });

  it('answers 404 to staff asking for the inbox of an organisation that was never registered', async () => {
    const reviewer = await api.issueKey('reviewer');
    const acme = await api.registerOrganisation();
    for (const list of ['prompts', 'notices']) {
      expectProblem(
        await api.get(`/v1/organisations/11111111-1111-4111-8111-111111111111/${list}`, {
          key: reviewer,
        }),
        404,
      );
      expectProblem(await api.get(`/v1/organisations/not-an-id/${list}`, { key: reviewer }), 404);
      // A registered organisation with nothing in it yet: an empty list.
      expect(
        (await api.get(`/v1/organisations/${acme.organisationId}/${list}`, { key: reviewer })).body,
      ).toEqual({ items: [], nextCursor: null, total: 0 });
    }
  });
});
