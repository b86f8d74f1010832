import { ConflictError, InvalidCommandError, NotFoundError } from '../shared/errors';
import { deciderSpec } from '../testing/decider-spec';
import { apiKeyDecider, type ApiKeyIssued } from './api-key.decider';

const issued: ApiKeyIssued = {
  type: 'ApiKeyIssued',
  data: {
    keyId: 'k1',
    role: 'reviewer',
    label: 'AI Office reviewer',
    issuedAt: '2026-11-26T10:00:00.000Z',
    expiresAt: '2027-11-26T10:00:00.000Z',
  },
};

describe('API key decider', () => {
  const spec = deciderSpec(apiKeyDecider);

  it('records an issued key without its secret', () =>
    spec.given([]).when({ type: 'IssueApiKey', data: issued.data }).then([issued]));

  it('refuses an expiry that is not after issuance, and a key issued twice', () => {
    spec
      .given([])
      .when({
        type: 'IssueApiKey',
        data: { ...issued.data, expiresAt: '2026-11-26T09:00:00.000Z' },
      })
      .thenThrows(InvalidCommandError);
    spec.given([issued]).when({ type: 'IssueApiKey', data: issued.data }).thenThrows(ConflictError);
  });

  it('records a revocation once; revoking an unknown key is not found', () => {
    const revoke = {
      type: 'RevokeApiKey',
      data: { revokedAt: '2026-12-01T00:00:00.000Z' },
    } as const;
    spec
      .given([issued])
      .when(revoke)
      .then([
        { type: 'ApiKeyRevoked', data: { keyId: 'k1', revokedAt: '2026-12-01T00:00:00.000Z' } },
      ]);
    spec
      .given([issued, { type: 'ApiKeyRevoked', data: { keyId: 'k1', revokedAt: 'x' } }])
      .when(revoke)
      .then([]);
    spec.given([]).when(revoke).thenThrows(NotFoundError);
  });
});
