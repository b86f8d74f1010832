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

/** A key as issued and as listed (`ApiKeyView`): what it does not have is null. */
const API_KEY = {
  id: str,
  role: str,
  organisationId: { ...str, nullable: true },
  label: str,
  createdAt: instant,
  expiresAt: { ...instant, nullable: true },
  revokedAt: { ...instant, nullable: true },
};

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
  Action: obj({
    actionId: str,
    description: str,
    status: str,
    targetDate: str,
    appliesFrom: { ...str, nullable: true, description: 'First date a linked provision applies' },
    afterApplication: { type: 'boolean', description: 'Target date after appliesFrom' },
  }),
  CommitmentProvision: obj({
    provision: str,
    link: { type: 'string', enum: ['implements', 'related'] },
    appliesFrom: { ...str, nullable: true },
  }),
  DateChange: obj({ provision: str, from: { ...str, nullable: true }, to: str }),
  ActionCalendar: obj({
    appliesFrom: { ...str, nullable: true },
    afterApplication: { type: 'boolean' },
  }),
  Notice: obj({
    noticeId: str,
    type: { type: 'string', enum: ['timeline-changed'] },
    pledgeId: str,
    timelineVersion: str,
    previousVersion: str,
    changes: { type: 'array', items: ref('DateChange') },
    actions: {
      type: 'array',
      items: obj({
        commitmentCode: str,
        actionId: str,
        targetDate: str,
        before: ref('ActionCalendar'),
        after: ref('ActionCalendar'),
      }),
    },
    sentAt: instant,
  }),
  ActionPositions: obj({ before: int, after: int, noTarget: int }),
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
          provisions: { type: 'array', items: ref('CommitmentProvision') },
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
  ApiKey: obj(API_KEY),
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
      organisationName: str,
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
  'POST /v1/api-keys': obj({ ...API_KEY, key: str, revision: int, position: str }, [
    'id',
    'key',
    'role',
    'organisationId',
    'revision',
    'position',
  ]),
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
  'GET /v1/api-keys': list(ref('ApiKey')),
  'GET /v1/organisations/{id}/prompts': list(ref('Prompt')),
  'GET /v1/organisations/{id}/notices': list(ref('Notice')),
  'GET /v1/ai-act-timeline': obj({
    version: str,
    act: str,
    inForceFrom: str,
    provisions: {
      type: 'array',
      items: obj(
        {
          provision: str,
          article: int,
          paragraph: int,
          annex: str,
          title: str,
          appliesFrom: { ...str, nullable: true },
        },
        ['provision', 'title', 'appliesFrom'],
      ),
    },
    versions: {
      type: 'array',
      items: obj(
        {
          version: str,
          act: str,
          inForceFrom: str,
          source: { type: 'string', enum: ['reference-data', 'recorded'] },
          eventId: str,
          recordedAt: instant,
          revision: int,
          previousVersion: str,
          changes: { type: 'array', items: ref('DateChange') },
        },
        ['version', 'act', 'inForceFrom', 'source'],
      ),
    },
  }),
  'POST /v1/admin/ai-act-timeline': obj({
    version: str,
    previousVersion: str,
    changes: { type: 'array', items: ref('DateChange') },
    revision: int,
    position: str,
  }),
  'GET /v1/analytics/provisions': obj({
    timelineVersion: str,
    previousVersion: { ...str, nullable: true },
    provisions: {
      type: 'array',
      items: obj({
        provision: str,
        title: str,
        appliesFrom: { ...str, nullable: true },
        actions: ref('ActionPositions'),
        previous: {
          ...obj({ appliesFrom: { ...str, nullable: true }, actions: ref('ActionPositions') }),
          nullable: true,
        },
      }),
    },
  }),
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

/** Lists, and the analysts' figures, also answer CSV with a header row, to `Accept: text/csv`. */
export const CSV_ANSWERS = new Set([
  'GET /v1/api-keys',
  'GET /v1/analytics/signatures',
  'GET /v1/analytics/summary',
  'GET /v1/organisations/{id}/prompts',
  'GET /v1/organisations/{id}/notices',
  'GET /v1/practices',
  'GET /v1/registry/pledges',
  'GET /v1/review-queue',
]);
