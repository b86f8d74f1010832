import { ConflictError, InvalidCommandError, NotFoundError } from '../shared/errors';
import { deciderSpec } from '../testing/decider-spec';
import { practiceDecider, type SharePractice } from './practice.decider';
import type { PracticeEvent } from './practice.events';

const spec = deciderSpec(practiceDecider);
const at = '2026-03-01T10:00:00.000Z';
const share = (consent: boolean): SharePractice['data'] => ({
  practiceId: 'p-1',
  organisationId: 'org-1',
  title: 'Model cards for every release',
  summary: 'We publish a model card with each release.',
  body: '# How\nA template and a review step.',
  category: 'transparency',
  implementationLevel: 'fully-implemented',
  tags: ['documentation'],
  language: 'en',
  publicationConsent: consent,
  sharedAt: at,
});
const shared = (consent = true): PracticeEvent => ({
  type: 'PracticeShared',
  data: share(consent),
});
const published: PracticeEvent = {
  type: 'PracticePublished',
  data: { practiceId: 'p-1', publishedAt: at },
};
const withdrawn: PracticeEvent = {
  type: 'PracticeWithdrawn',
  data: { practiceId: 'p-1', withdrawnAt: at },
};

describe('practice decider', () => {
  it('shares a practice', () => {
    spec
      .given([])
      .when({ type: 'SharePractice', data: share(true) })
      .then([shared()]);
  });

  it('refuses to share the same practice twice', () => {
    spec
      .given([shared()])
      .when({ type: 'SharePractice', data: share(true) })
      .thenThrows(ConflictError);
  });

  it('publishes a practice whose owner consented', () => {
    spec
      .given([shared()])
      .when({ type: 'PublishPractice', data: { publishedAt: at } })
      .then([published]);
  });

  it('refuses to publish without consent', () => {
    spec
      .given([shared(false)])
      .when({ type: 'PublishPractice', data: { publishedAt: at } })
      .thenThrows(ConflictError, /consent/);
  });

  it('refuses to publish twice', () => {
    spec
      .given([shared(), published])
      .when({ type: 'PublishPractice', data: { publishedAt: at } })
      .thenThrows(ConflictError);
  });

  it('rejects with a reason, once', () => {
    const rejected: PracticeEvent = {
      type: 'PracticeRejected',
      data: { practiceId: 'p-1', reason: 'vague', rejectedAt: at },
    };
    spec
      .given([shared()])
      .when({ type: 'RejectPractice', data: { reason: 'vague', rejectedAt: at } })
      .then([rejected]);
    spec
      .given([shared(), rejected])
      .when({ type: 'RejectPractice', data: { reason: 'again', rejectedAt: at } })
      .thenThrows(ConflictError);
  });

  it('withdraws, after which nothing is accepted', () => {
    spec
      .given([shared()])
      .when({ type: 'WithdrawPractice', data: { withdrawnAt: at } })
      .then([withdrawn]);
    spec
      .given([shared(), withdrawn])
      .when({ type: 'PublishPractice', data: { publishedAt: at } })
      .thenThrows(ConflictError);
    spec
      .given([shared(), withdrawn])
      .when({ type: 'WithdrawPractice', data: { withdrawnAt: at } })
      .thenThrows(ConflictError);
  });

  it('revises only changed fields and sends the practice back to review', () => {
    spec
      .given([shared(), published])
      .when({
        type: 'RevisePractice',
        data: {
          changes: { title: 'Model cards, always', category: 'transparency' },
          revisedAt: at,
        },
      })
      .then([
        {
          type: 'PracticeRevised',
          data: { practiceId: 'p-1', title: 'Model cards, always', revisedAt: at },
        },
      ]);
    const state = [
      shared(),
      published,
      {
        type: 'PracticeRevised',
        data: { practiceId: 'p-1', title: 'T', revisedAt: at },
      } as PracticeEvent,
    ].reduce(practiceDecider.evolve, practiceDecider.initialState());
    expect(state).toMatchObject({ status: 'submitted', title: 'T' });
  });

  it('refuses an empty revision and commands on a missing practice', () => {
    spec
      .given([shared()])
      .when({ type: 'RevisePractice', data: { changes: {}, revisedAt: at } })
      .thenThrows(InvalidCommandError, 'Name at least one field');
    // A revision to what already is records nothing: a published practice stays published.
    spec
      .given([shared(), published])
      .when({
        type: 'RevisePractice',
        data: { changes: { category: 'transparency' }, revisedAt: at },
      })
      .then([]);
    spec
      .given([])
      .when({ type: 'PublishPractice', data: { publishedAt: at } })
      .thenThrows(NotFoundError);
  });

  it('refuses a language that is not an ISO 639-1 code', () => {
    spec
      .given([])
      .when({ type: 'SharePractice', data: { ...share(true), language: 'English' } })
      .thenThrows(InvalidCommandError);
    spec
      .given([shared()])
      .when({ type: 'RevisePractice', data: { changes: { language: 'EN' }, revisedAt: at } })
      .thenThrows(InvalidCommandError);
  });
});
