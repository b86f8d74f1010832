import { ADMIN_KEY, TestApp } from './support/test-app';

describe('GET /metrics', () => {
  let api: TestApp;
  beforeAll(async () => (api = await TestApp.start()));
  afterAll(() => api.stop());

  it('exposes request latency by route, commands by outcome, append latency, lag, queues and prompts', async () => {
    const acme = await api.signedPledge();
    await api.post('/v1/pledges', { key: acme.apiKey, body: {} });
    await api.get(`/v1/pledges/${acme.pledgeId}`, { key: ADMIN_KEY });
    const response = await api.get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = response.text;
    expect(text).toMatch(
      /pact_http_request_duration_seconds_count\{method="GET",route="\/v1\/pledges\/:id",status="200"\} 1/,
    );
    expect(text).toMatch(
      /pact_commands_total\{command="POST \/v1\/pledges",outcome="accepted"\} 1/,
    );
    expect(text).toMatch(/pact_commands_total\{command="POST \/v1\/pledges",outcome="refused"\} 1/);
    expect(text).toMatch(/pact_event_store_append_seconds_count\{outcome="ok"\} [1-9]/);
    expect(text).toMatch(/pact_projection_lag_events\{projection="registry"\} \d+/);
    expect(text).toMatch(/pact_projection_lag_seconds\{projection="registry"\} [\d.]+/);
    expect(text).toContain('pact_queue_jobs');
    expect(text).toContain('pact_prompts_sent');
    // Ids and routes only: nothing of the contact.
    expect(text).not.toContain('ada@acme.example');
    expect(text).not.toContain(acme.pledgeId);
  });
});
