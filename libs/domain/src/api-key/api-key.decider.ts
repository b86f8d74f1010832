import { assertNever, type Decider, type DomainCommand, type DomainEvent } from '../shared/decider';
import { ConflictError, InvalidCommandError, NotFoundError } from '../shared/errors';

export type ApiKeyRole = 'admin' | 'reviewer' | 'analyst' | 'participant';

/** Who holds which key, from when, until when: never the secret, which only its holder has. */
export type ApiKeyIssued = DomainEvent<
  'ApiKeyIssued',
  {
    readonly keyId: string;
    readonly role: ApiKeyRole;
    readonly organisationId?: string;
    readonly label: string;
    readonly issuedAt: string;
    readonly expiresAt?: string;
  }
>;
export type ApiKeyRevoked = DomainEvent<
  'ApiKeyRevoked',
  { readonly keyId: string; readonly revokedAt: string }
>;
export type ApiKeyEvent = ApiKeyIssued | ApiKeyRevoked;

export type IssueApiKey = DomainCommand<'IssueApiKey', ApiKeyIssued['data']>;
export type RevokeApiKey = DomainCommand<'RevokeApiKey', { readonly revokedAt: string }>;
export type ApiKeyCommand = IssueApiKey | RevokeApiKey;

export type ApiKeyState =
  | { readonly status: 'none' }
  | (ApiKeyIssued['data'] & { readonly status: 'active' | 'revoked'; readonly revokedAt?: string });

export const apiKeyStream = (keyId: string) => `apikey-${keyId}`;

export const apiKeyDecider: Decider<ApiKeyCommand, ApiKeyEvent, ApiKeyState> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    switch (command.type) {
      case 'IssueApiKey': {
        if (state.status !== 'none')
          throw new ConflictError('The key is already issued', 'key-issued');
        const { expiresAt, issuedAt } = command.data;
        if (expiresAt !== undefined && Date.parse(expiresAt) <= Date.parse(issuedAt)) {
          throw new InvalidCommandError('A key cannot expire before it is issued', 'key-expiry', [
            { field: 'expiresAt', message: 'must be in the future', code: 'future' },
          ]);
        }
        return [{ type: 'ApiKeyIssued', data: command.data }];
      }
      case 'RevokeApiKey':
        if (state.status === 'none') throw new NotFoundError('API key not found', 'key-not-found');
        if (state.status === 'revoked') return [];
        return [{ type: 'ApiKeyRevoked', data: { keyId: state.keyId, ...command.data } }];
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'ApiKeyIssued':
        return { status: 'active', ...event.data };
      case 'ApiKeyRevoked':
        return state.status === 'none'
          ? state
          : { ...state, status: 'revoked', revokedAt: event.data.revokedAt };
      default:
        return assertNever(event);
    }
  },
};
