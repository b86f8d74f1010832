/** JSON schemas of what the routes answer (OpenAPI 3.0 dialect), by path, as api.md describes it. */
type Schema = Record<string, unknown>;

const str = { type: 'string' };
const int = { type: 'integer' };
const instant = { type: 'string', format: 'date-time' };
const obj = (properties: Record<string, Schema>, required = Object.keys(properties)): Schema => ({
  type: 'object',
  properties,
  required,
});
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const list = (item: Schema): Schema =>
  obj({
    items: { type: 'array', items: item },
    nextCursor: { ...str, nullable: true },
    total: int,
  });

export const RESPONSE_COMPONENTS: Record<string, Schema> = {
  Contact: obj({ name: str, email: str }),
  Organisation: obj(
    {
      organisationId: str,
      name: str,
      country: str,
      sector: str,
      size: str,
      roles: { type: 'array', items: str },
      contact: ref('Contact'),
      webhookUrl: str,
      registeredAt: instant,
      revision: int,
    },
    ['organisationId', 'name', 'country', 'sector', 'size', 'roles', 'contact', 'revision'],
  ),
  Action: obj({ actionId: str, description: str, status: str, targetDate: str }),
  Milestone: obj(
    { milestoneId: str, cycle: int, summary: str, reportedAt: instant, review: { type: 'object' } },
    ['milestoneId', 'cycle', 'summary', 'reportedAt'],
  ),
  Pledge: obj(
    {
      pledgeId: str,
      organisationId: str,
      status: { type: 'string', enum: ['signed', 'published', 'withdrawn'] },
      signedAt: instant,
      publishedAt: instant,
      commitments: {
        type: 'array',
        items: obj({
          code: str,
          tier: str,
          actions: { type: 'array', items: ref('Action') },
          milestones: { type: 'array', items: ref('Milestone') },
        }),
      },
      reporting: obj({ cycle: int, dueAt: { ...instant, nullable: true }, status: str }),
      revision: int,
    },
    ['pledgeId', 'organisationId', 'status', 'signedAt', 'commitments', 'reporting', 'revision'],
  ),
  HistoryEvent: obj(
    {
      revision: int,
      position: str,
      eventId: str,
      type: str,
      schemaVersion: int,
      recordedAt: instant,
      data: { type: 'object' },
      metadata: obj(
        {
          actor: { type: 'object' },
          correlationId: str,
          causationId: str,
          idempotencyKey: str,
        },
        ['actor', 'correlationId', 'causationId'],
      ),
      previousHash: str,
      hash: str,
      current: { type: 'object' },
      personalData: { type: 'object' },
    },
    [
      'revision',
      'position',
      'eventId',
      'type',
      'schemaVersion',
      'recordedAt',
      'data',
      'metadata',
      'previousHash',
      'hash',
    ],
  ),
  Prompt: obj({
    promptId: str,
    pledgeId: str,
    cycle: int,
    stage: str,
    dueAt: instant,
    sentAt: instant,
  }),
  Practice: obj(
    {
      practiceId: str,
      organisationId: str,
      title: str,
      summary: str,
      body: str,
      category: str,
      implementationLevel: str,
      tags: { type: 'array', items: str },
      status: str,
    },
    [
      'practiceId',
      'organisationId',
      'title',
      'summary',
      'category',
      'implementationLevel',
      'status',
    ],
  ),
  RegistryPledge: obj(
    {
      pledgeId: str,
      organisationId: str,
      organisationName: str,
      country: str,
      sector: str,
      size: str,
      roles: { type: 'array', items: str },
      status: str,
      signedAt: instant,
      publishedAt: instant,
      commitments: { type: 'array', items: str },
      reportingStatus: str,
      nextDueAt: { ...instant, nullable: true },
      lastReportedAt: instant,
    },
    [
      'pledgeId',
      'organisationId',
      'organisationName',
      'country',
      'sector',
      'size',
      'roles',
      'status',
      'signedAt',
      'commitments',
      'reportingStatus',
    ],
  ),
};

const counts = { type: 'object', additionalProperties: int };

/** Success bodies by "METHOD path"; routes not listed answer an object described in api.md. */
export const RESPONSES: Record<string, Schema> = {
  'POST /v1/api-keys': obj(
    {
      id: str,
      key: str,
      role: str,
      organisationId: { ...str, nullable: true },
      label: str,
      createdAt: instant,
      expiresAt: { ...instant, nullable: true },
      revision: int,
      position: str,
    },
    ['id', 'key', 'role', 'organisationId', 'revision', 'position'],
  ),
  'POST /v1/organisations': obj({
    organisationId: str,
    apiKey: str,
    webhookSecret: str,
    revision: int,
    position: str,
  }),
  'POST /v1/pledges': obj({ pledgeId: str, revision: int, position: str }),
  'POST /v1/pledges/{id}/milestones': obj({
    milestoneId: str,
    cycle: int,
    revision: int,
    position: str,
  }),
  'POST /v1/practices': obj({ practiceId: str, revision: int, position: str }),
  'GET /v1/organisations/{id}': ref('Organisation'),
  'GET /v1/organisations/{id}/prompts': list(ref('Prompt')),
  'GET /v1/organisations/{id}/history': obj({
    organisationId: str,
    events: { type: 'array', items: ref('HistoryEvent') },
  }),
  'GET /v1/pledges/{id}': ref('Pledge'),
  'GET /v1/pledges/{id}/history': obj(
    { pledgeId: str, events: { type: 'array', items: ref('HistoryEvent') }, nextFromRevision: int },
    ['pledgeId', 'events'],
  ),
  'GET /v1/pledges/{id}/history/verify': obj(
    { valid: { type: 'boolean' }, eventCount: int, headHash: str, firstInvalidRevision: int },
    ['valid', 'eventCount', 'headHash'],
  ),
  'GET /v1/practices': list(ref('Practice')),
  'GET /v1/practices/{id}': ref('Practice'),
  'GET /v1/registry/pledges': list(ref('RegistryPledge')),
  'GET /v1/analytics/summary': obj({
    organisations: int,
    pledges: obj({ signed: int, published: int, withdrawn: int }),
    commitments: { type: 'array', items: obj({ code: str, pledges: int }) },
    byCountry: counts,
    bySector: counts,
    bySize: counts,
    byRole: counts,
    reporting: obj({ onTrack: int, dueSoon: int, overdue: int, nonReporting: int }),
    milestones: obj({ reported: int, accepted: int, clarificationRequested: int }),
  }),
  'GET /v1/analytics/signatures': {
    type: 'array',
    items: obj({ period: str, signed: int, withdrawn: int }),
  },
};

/** Lists also answer CSV with a header row, to `Accept: text/csv`. */
export const CSV_LISTS = new Set([
  'GET /v1/organisations/{id}/prompts',
  'GET /v1/practices',
  'GET /v1/registry/pledges',
  'GET /v1/review-queue',
]);
