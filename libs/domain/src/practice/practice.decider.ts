import { assertNever, type Decider, type DomainCommand } from '../shared/decider';
import { ConflictError, InvalidCommandError, NotFoundError } from '../shared/errors';
import type { PracticeContent, PracticeEvent, PracticeShared } from './practice.events';

export type SharePractice = DomainCommand<'SharePractice', PracticeShared['data']>;
export type RevisePractice = DomainCommand<
  'RevisePractice',
  {
    readonly changes: Partial<PracticeContent> & { readonly publicationConsent?: boolean };
    readonly revisedAt: string;
  }
>;
export type PublishPractice = DomainCommand<'PublishPractice', { readonly publishedAt: string }>;
export type RejectPractice = DomainCommand<
  'RejectPractice',
  { readonly reason: string; readonly rejectedAt: string }
>;
export type WithdrawPractice = DomainCommand<'WithdrawPractice', { readonly withdrawnAt: string }>;

export type PracticeCommand =
  SharePractice | RevisePractice | PublishPractice | RejectPractice | WithdrawPractice;

export type PracticeStatus = 'submitted' | 'published' | 'rejected' | 'withdrawn';

export type PracticeState =
  | { readonly status: 'none' }
  | (PracticeShared['data'] & {
      readonly status: PracticeStatus;
      readonly publishedAt?: string;
      readonly rejectionReason?: string;
      readonly withdrawnAt?: string;
    });

export const practiceDecider: Decider<PracticeCommand, PracticeEvent, PracticeState> = {
  initialState: () => ({ status: 'none' }),

  decide(command, state) {
    if (command.type === 'SharePractice') {
      if (state.status !== 'none')
        throw new ConflictError('This practice is already shared', 'practice-shared');
      checkLanguage(command.data.language);
      return [{ type: 'PracticeShared', data: command.data }];
    }
    if (state.status === 'none')
      throw new NotFoundError('Practice not found', 'practice-not-found');
    if (state.status === 'withdrawn')
      throw new ConflictError('The practice is withdrawn', 'practice-withdrawn');
    const practiceId = state.practiceId;
    switch (command.type) {
      case 'RevisePractice': {
        if (Object.values(command.data.changes).every((value) => value === undefined))
          throw new InvalidCommandError('Name at least one field to change', 'practice-no-change');
        if (command.data.changes.language !== undefined)
          checkLanguage(command.data.changes.language);
        const changes = Object.fromEntries(
          Object.entries(command.data.changes).filter(
            ([key, value]) =>
              value !== undefined &&
              JSON.stringify(value) !== JSON.stringify(state[key as keyof typeof state]),
          ),
        );
        // The practice is already as asked (a retried request, say): nothing to record.
        if (Object.keys(changes).length === 0) return [];
        return [
          {
            type: 'PracticeRevised',
            data: { practiceId, ...changes, revisedAt: command.data.revisedAt },
          },
        ];
      }
      case 'PublishPractice':
        if (state.status === 'published')
          throw new ConflictError('The practice is already published', 'practice-published');
        if (!state.publicationConsent) {
          throw new ConflictError(
            'The owner has not consented to publication of this practice',
            'practice-no-consent',
          );
        }
        return [{ type: 'PracticePublished', data: { practiceId, ...command.data } }];
      case 'RejectPractice':
        if (state.status === 'rejected')
          throw new ConflictError('The practice is already rejected', 'practice-rejected');
        return [{ type: 'PracticeRejected', data: { practiceId, ...command.data } }];
      case 'WithdrawPractice':
        return [{ type: 'PracticeWithdrawn', data: { practiceId, ...command.data } }];
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    if (event.type === 'PracticeShared') return { ...event.data, status: 'submitted' };
    if (state.status === 'none') return state;
    switch (event.type) {
      case 'PracticeRevised': {
        const { practiceId: _id, revisedAt: _at, ...changes } = event.data;
        return {
          ...state,
          ...changes,
          status: 'submitted',
          publishedAt: undefined,
          rejectionReason: undefined,
        };
      }
      case 'PracticePublished':
        return {
          ...state,
          status: 'published',
          publishedAt: event.data.publishedAt,
          rejectionReason: undefined,
        };
      case 'PracticeRejected':
        return {
          ...state,
          status: 'rejected',
          rejectionReason: event.data.reason,
          publishedAt: undefined,
        };
      case 'PracticeWithdrawn':
        return { ...state, status: 'withdrawn', withdrawnAt: event.data.withdrawnAt };
      default:
        return assertNever(event);
    }
  },
};

function checkLanguage(language: string): void {
  if (!/^[a-z]{2}$/.test(language)) {
    throw new InvalidCommandError('Invalid language', 'practice-language', [
      {
        field: 'language',
        message: 'must be an ISO 639-1 code such as en or de',
        code: 'language',
      },
    ]);
  }
}
