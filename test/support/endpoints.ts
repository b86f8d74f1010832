import { ADMIN_KEY, organisationBody, pledgeBody, type TestApp } from './test-app';

export type Caller = 'anonymous' | 'admin' | 'reviewer' | 'analyst' | 'owner' | 'other' | 'revoked';
export const CALLERS: readonly Caller[] = [
  'anonymous',
  'admin',
  'reviewer',
  'analyst',
  'owner',
  'other',
  'revoked',
];

/** Fresh resources for one cell: an organisation with a signed pledge, a milestone and a practice. */
export interface World {
  organisationId: string;
  ownerKey: string;
  pledgeId: string;
  milestoneId: string;
  practiceId: string;
  keyId: string;
}

export interface Row {
  readonly method: string;
  /** The route as the app registers it. */
  readonly route: string;
  readonly path: (w: World) => string;
  readonly body?: (w: World) => unknown;
  /** What each caller gets; callers left out get 403 (401 if anonymous or revoked). */
  readonly expect: Partial<Record<Caller, number>>;
}

export const practice = {
  title: 'Model cards for every release',
  summary: 'Each model release ships with a model card.',
  body: 'We use a two-page template.',
  category: 'transparency',
  implementationLevel: 'fully-implemented',
  publicationConsent: true,
};

/**
 * api.md's access rules, one row per endpoint. Participants of another organisation get 404 for what
 * is not theirs (its existence is not theirs to learn); unpublished pledges are 404 to the public.
 */
export const ENDPOINTS: readonly Row[] = [
  {
    method: 'GET',
    route: '/health',
    path: () => '/health',
    expect: { anonymous: 200, admin: 200, reviewer: 200, analyst: 200, owner: 200, other: 200 },
  },
  {
    method: 'GET',
    route: '/health/live',
    path: () => '/health/live',
    expect: { anonymous: 200, admin: 200, reviewer: 200, analyst: 200, owner: 200, other: 200 },
  },
  {
    method: 'GET',
    route: '/health/ready',
    path: () => '/health/ready',
    expect: { anonymous: 200, admin: 200, reviewer: 200, analyst: 200, owner: 200, other: 200 },
  },
  {
    method: 'GET',
    route: '/metrics',
    path: () => '/metrics',
    expect: { anonymous: 200, admin: 200, reviewer: 200, analyst: 200, owner: 200, other: 200 },
  },
  {
    method: 'POST',
    route: '/v1/api-keys',
    path: () => '/v1/api-keys',
    body: () => ({ role: 'analyst', label: 'matrix' }),
    expect: { admin: 201 },
  },
  {
    method: 'GET',
    route: '/v1/api-keys',
    path: (w) => `/v1/api-keys?organisationId=${w.organisationId}`,
    expect: { admin: 200 },
  },
  {
    method: 'DELETE',
    route: '/v1/api-keys/:id',
    path: (w) => `/v1/api-keys/${w.keyId}`,
    expect: { admin: 204 },
  },
  {
    method: 'POST',
    route: '/v1/organisations',
    path: () => '/v1/organisations',
    body: () => organisationBody(),
    expect: { anonymous: 201, admin: 201, reviewer: 201, analyst: 201, owner: 201, other: 201 },
  },
  {
    method: 'GET',
    route: '/v1/organisations/:id',
    path: (w) => `/v1/organisations/${w.organisationId}`,
    expect: { admin: 200, reviewer: 200, owner: 200, other: 404 },
  },
  {
    method: 'PATCH',
    route: '/v1/organisations/:id',
    path: (w) => `/v1/organisations/${w.organisationId}`,
    body: () => ({ size: 'large' }),
    expect: { admin: 200, owner: 200, other: 404 },
  },
  {
    method: 'POST',
    route: '/v1/organisations/:id/erase-personal-data',
    path: (w) => `/v1/organisations/${w.organisationId}/erase-personal-data`,
    body: () => ({}),
    expect: { admin: 200 },
  },
  {
    method: 'GET',
    route: '/v1/organisations/:id/prompts',
    path: (w) => `/v1/organisations/${w.organisationId}/prompts`,
    expect: { admin: 200, reviewer: 200, owner: 200, other: 404 },
  },
  {
    method: 'GET',
    route: '/v1/organisations/:id/notices',
    path: (w) => `/v1/organisations/${w.organisationId}/notices`,
    expect: { admin: 200, reviewer: 200, owner: 200, other: 404 },
  },
  {
    method: 'GET',
    route: '/v1/organisations/:id/history',
    path: (w) => `/v1/organisations/${w.organisationId}/history`,
    expect: { admin: 200, reviewer: 200, owner: 200, other: 404 },
  },
  {
    method: 'POST',
    route: '/v1/pledges',
    path: () => '/v1/pledges',
    body: () => pledgeBody(),
    expect: { owner: 409, other: 201 },
  },
  {
    method: 'GET',
    route: '/v1/pledges/:id',
    path: (w) => `/v1/pledges/${w.pledgeId}`,
    expect: { anonymous: 404, admin: 200, reviewer: 200, analyst: 403, owner: 200, other: 404 },
  },
  {
    method: 'POST',
    route: '/v1/pledges/:id/commitments',
    path: (w) => `/v1/pledges/${w.pledgeId}/commitments`,
    body: () => ({
      code: 'provider-logging',
      actions: [
        {
          description: 'Log every inference',
          status: 'planned',
          targetDate: '2027-06-30',
        },
      ],
    }),
    expect: { owner: 201, other: 404 },
  },
  {
    method: 'POST',
    route: '/v1/pledges/:id/milestones',
    path: (w) => `/v1/pledges/${w.pledgeId}/milestones`,
    body: () => ({ commitmentCode: 'ai-literacy', summary: 'Training done' }),
    expect: { owner: 201, other: 404 },
  },
  {
    method: 'POST',
    route: '/v1/pledges/:id/milestones/:milestoneId/review',
    path: (w) => `/v1/pledges/${w.pledgeId}/milestones/${w.milestoneId}/review`,
    body: () => ({ outcome: 'accepted', comment: 'Clear evidence' }),
    expect: { reviewer: 200 },
  },
  {
    method: 'POST',
    route: '/v1/pledges/:id/publish',
    path: (w) => `/v1/pledges/${w.pledgeId}/publish`,
    body: () => ({}),
    expect: { reviewer: 200 },
  },
  {
    method: 'POST',
    route: '/v1/pledges/:id/withdraw',
    path: (w) => `/v1/pledges/${w.pledgeId}/withdraw`,
    body: () => ({ reason: 'Leaving' }),
    expect: { owner: 200, other: 404 },
  },
  {
    method: 'GET',
    route: '/v1/pledges/:id/history',
    path: (w) => `/v1/pledges/${w.pledgeId}/history`,
    expect: { admin: 200, reviewer: 200, owner: 200, other: 404 },
  },
  {
    method: 'GET',
    route: '/v1/pledges/:id/history/verify',
    path: (w) => `/v1/pledges/${w.pledgeId}/history/verify`,
    expect: { admin: 200, reviewer: 200 },
  },
  {
    method: 'GET',
    route: '/v1/pledges/:id/history/diff',
    path: (w) => `/v1/pledges/${w.pledgeId}/history/diff?from=0&to=1`,
    expect: { admin: 200, reviewer: 200, owner: 200, other: 404 },
  },
  {
    method: 'POST',
    route: '/v1/practices',
    path: () => '/v1/practices',
    body: () => practice,
    expect: { owner: 201, other: 201 },
  },
  {
    method: 'GET',
    route: '/v1/practices',
    path: () => '/v1/practices',
    expect: { anonymous: 200, admin: 200, reviewer: 200, analyst: 200, owner: 200, other: 200 },
  },
  {
    method: 'GET',
    route: '/v1/practices/:id',
    path: (w) => `/v1/practices/${w.practiceId}`,
    expect: { anonymous: 404, admin: 200, reviewer: 200, analyst: 200, owner: 200, other: 200 },
  },
  {
    method: 'PATCH',
    route: '/v1/practices/:id',
    path: (w) => `/v1/practices/${w.practiceId}`,
    body: () => ({ summary: 'Shorter' }),
    expect: { owner: 200, other: 404 },
  },
  {
    method: 'POST',
    route: '/v1/practices/:id/publish',
    path: (w) => `/v1/practices/${w.practiceId}/publish`,
    body: () => ({}),
    expect: { reviewer: 200 },
  },
  {
    method: 'POST',
    route: '/v1/practices/:id/reject',
    path: (w) => `/v1/practices/${w.practiceId}/reject`,
    body: () => ({ reason: 'Off topic' }),
    expect: { reviewer: 200 },
  },
  {
    method: 'POST',
    route: '/v1/practices/:id/withdraw',
    path: (w) => `/v1/practices/${w.practiceId}/withdraw`,
    body: () => ({}),
    expect: { owner: 200, other: 404 },
  },
  {
    method: 'GET',
    route: '/v1/registry/pledges',
    path: () => '/v1/registry/pledges',
    expect: { anonymous: 200, admin: 200, reviewer: 200, analyst: 200, owner: 200, other: 200 },
  },
  {
    method: 'GET',
    route: '/v1/analytics/summary',
    path: () => '/v1/analytics/summary',
    expect: { admin: 200, reviewer: 200, analyst: 200 },
  },
  {
    method: 'GET',
    route: '/v1/analytics/signatures',
    path: () => '/v1/analytics/signatures',
    expect: { admin: 200, reviewer: 200, analyst: 200 },
  },
  {
    method: 'GET',
    route: '/v1/analytics/provisions',
    path: () => '/v1/analytics/provisions',
    expect: { admin: 200, reviewer: 200, analyst: 200 },
  },
  {
    method: 'GET',
    route: '/v1/ai-act-timeline',
    path: () => '/v1/ai-act-timeline',
    expect: { anonymous: 200, admin: 200, reviewer: 200, analyst: 200, owner: 200, other: 200 },
  },
  // Recording the same version again is a 201 that changes nothing, so every cell may try it.
  {
    method: 'POST',
    route: '/v1/admin/ai-act-timeline',
    path: () => '/v1/admin/ai-act-timeline',
    body: () => ({
      version: 'matrix-amendment',
      act: 'An amending act of the authorization matrix',
      inForceFrom: '2030-01-01',
      dates: [],
    }),
    expect: { admin: 201 },
  },
  {
    method: 'GET',
    route: '/v1/review-queue',
    path: () => '/v1/review-queue',
    expect: { admin: 200, reviewer: 200 },
  },
  {
    method: 'GET',
    route: '/v1/admin/projections',
    path: () => '/v1/admin/projections',
    expect: { admin: 200 },
  },
  {
    method: 'POST',
    route: '/v1/admin/projections/:name/rebuild',
    path: () => '/v1/admin/projections/practices/rebuild',
    body: () => ({}),
    expect: { admin: 200 },
  },
  {
    method: 'POST',
    route: '/v1/admin/projections/dead-letters/replay',
    path: () => '/v1/admin/projections/dead-letters/replay',
    body: () => ({}),
    expect: { admin: 200 },
  },
  {
    method: 'POST',
    route: '/v1/admin/audit/seal',
    path: () => '/v1/admin/audit/seal',
    body: () => ({}),
    expect: { admin: 200 },
  },
  // No such operation: an admin learns so, nobody else does.
  {
    method: 'GET',
    route: '/v1/admin/projections/operations/:id',
    path: () => '/v1/admin/projections/operations/00000000-0000-4000-8000-000000000000',
    expect: { admin: 404 },
  },
  {
    method: 'GET',
    route: '/v1/admin/deliveries',
    path: () => '/v1/admin/deliveries',
    expect: { admin: 200 },
  },
  // No delivery of that prompt exists: an admin learns so, nobody else does.
  {
    method: 'POST',
    route: '/v1/admin/deliveries/:promptId/:channel/retry',
    path: () => '/v1/admin/deliveries/no-such-prompt/webhook/retry',
    body: () => ({}),
    expect: { admin: 404 },
  },
];

/** Fresh resources for one request: an organisation with a signed pledge, a milestone, a practice and a spare key. */
export async function createWorld(api: TestApp): Promise<World> {
  const organisation = await api.registerOrganisation();
  const pledgeId = await api.signPledge(organisation.apiKey);
  const milestone = await api.post(`/v1/pledges/${pledgeId}/milestones`, {
    key: organisation.apiKey,
    body: { commitmentCode: 'ai-governance-strategy', summary: 'Strategy adopted' },
  });
  const shared = await api.post('/v1/practices', { key: organisation.apiKey, body: practice });
  const key = await api.post('/v1/api-keys', {
    key: ADMIN_KEY,
    body: { role: 'analyst', label: 'to delete' },
  });
  return {
    organisationId: organisation.organisationId,
    ownerKey: organisation.apiKey,
    pledgeId,
    milestoneId: milestone.body.milestoneId,
    practiceId: shared.body.practiceId,
    keyId: key.body.id,
  };
}
