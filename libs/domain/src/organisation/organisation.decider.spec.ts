import { ConflictError, InvalidCommandError, NotFoundError } from '../shared/errors';
import { deciderSpec } from '../testing/decider-spec';
import { ERASED_CONTACT } from './organisation.events';
import { organisationDecider, type RegisterOrganisation } from './organisation.decider';
import type { OrganisationRegistered } from './organisation.events';

const spec = deciderSpec(organisationDecider);
const profile: RegisterOrganisation['data'] = {
  organisationId: 'org-1',
  name: 'Acme AI',
  country: 'DE',
  sector: 'J',
  size: 'medium',
  roles: ['provider', 'deployer'],
  contact: { name: 'Ada Lovelace', email: 'ada@acme.example' },
  registeredAt: '2026-01-10T09:00:00.000Z',
};
const registered: OrganisationRegistered = { type: 'OrganisationRegistered', data: profile };

describe('organisation decider', () => {
  it('registers a new organisation', () => {
    spec.given([]).when({ type: 'RegisterOrganisation', data: profile }).then([registered]);
  });

  it('refuses to register twice', () => {
    spec
      .given([registered])
      .when({ type: 'RegisterOrganisation', data: profile })
      .thenThrows(ConflictError);
  });

  it.each([
    ['country', { country: 'Germany' }],
    ['sector', { sector: 'Z' }],
    ['roles', { roles: [] }],
    ['roles', { roles: ['provider', 'provider'] }],
    ['name', { name: '  ' }],
  ])('refuses an invalid %s', (_field, change) => {
    spec
      .given([])
      .when({
        type: 'RegisterOrganisation',
        data: { ...profile, ...change } as RegisterOrganisation['data'],
      })
      .thenThrows(InvalidCommandError);
  });

  it('keeps a role that its pledge holds commitments of, and drops one it holds none of', () => {
    const change = (
      roles: RegisterOrganisation['data']['roles'],
      pledgeRoles = ['provider'] as const,
    ) =>
      spec.given([registered]).when({
        type: 'ChangeOrganisationDetails',
        data: { changes: { roles }, changedAt: '2026-02-01T00:00:00.000Z', pledgeRoles },
      });
    change(['deployer']).thenThrows(ConflictError);
    change(['provider']).then([
      {
        type: 'OrganisationDetailsChanged',
        data: {
          organisationId: 'org-1',
          roles: ['provider'],
          changedAt: '2026-02-01T00:00:00.000Z',
        },
      },
    ]);
  });

  it('records only the fields that changed', () => {
    spec
      .given([registered])
      .when({
        type: 'ChangeOrganisationDetails',
        data: {
          changes: { name: 'Acme AI', size: 'large' },
          changedAt: '2026-02-01T00:00:00.000Z',
        },
      })
      .then([
        {
          type: 'OrganisationDetailsChanged',
          data: { organisationId: 'org-1', size: 'large', changedAt: '2026-02-01T00:00:00.000Z' },
        },
      ]);
  });

  it('records nothing for a change to what already is, and refuses a change that names no field', () => {
    spec
      .given([registered])
      .when({
        type: 'ChangeOrganisationDetails',
        data: { changes: { name: 'Acme AI' }, changedAt: 'x' },
      })
      .then([]);
    spec
      .given([registered])
      .when({
        type: 'ChangeOrganisationDetails',
        data: { changes: { name: undefined }, changedAt: 'x' },
      })
      .thenThrows(InvalidCommandError, 'Name at least one field');
  });

  it('refuses to change an organisation that does not exist', () => {
    spec
      .given([])
      .when({ type: 'ChangeOrganisationDetails', data: { changes: { name: 'B' }, changedAt: 'x' } })
      .thenThrows(NotFoundError);
  });

  it('folds changes into the state', () => {
    const state = organisationDecider.evolve(
      organisationDecider.evolve(organisationDecider.initialState(), registered),
      {
        type: 'OrganisationDetailsChanged',
        data: { organisationId: 'org-1', roles: ['deployer'], changedAt: 'x' },
      },
    );
    expect(state).toMatchObject({ status: 'registered', roles: ['deployer'], name: 'Acme AI' });
  });

  it('removes a webhook given as null, and only one that is there', () => {
    const withWebhook: OrganisationRegistered = {
      type: 'OrganisationRegistered',
      data: { ...profile, webhookUrl: 'https://hooks.acme.example/pact' },
    };
    const removed = {
      type: 'OrganisationDetailsChanged',
      data: { organisationId: 'org-1', webhookUrl: null, changedAt: 'x' },
    } as const;
    spec
      .given([withWebhook])
      .when({
        type: 'ChangeOrganisationDetails',
        data: { changes: { webhookUrl: null }, changedAt: 'x' },
      })
      .then([removed]);
    spec
      .given([registered])
      .when({
        type: 'ChangeOrganisationDetails',
        data: { changes: { webhookUrl: null }, changedAt: 'x' },
      })
      .then([]);
    spec
      .given([registered])
      .when({ type: 'ChangeOrganisationDetails', data: { changes: {}, changedAt: 'x' } })
      .thenThrows(InvalidCommandError, 'Name at least one field');
    const state = [withWebhook, removed].reduce(
      organisationDecider.evolve,
      organisationDecider.initialState(),
    );
    expect(state).toMatchObject({ status: 'registered', name: 'Acme AI' });
    expect(state).not.toHaveProperty('webhookUrl');
  });

  it('records an erasure of personal data once, and again after a new contact is given', () => {
    const erase = { type: 'EraseOrganisationPersonalData', data: { erasedAt: 't1' } } as const;
    const erased = {
      type: 'OrganisationPersonalDataErased',
      data: { organisationId: profile.organisationId, erasedAt: 't1' },
    } as const;
    spec.given([registered]).when(erase).then([erased]);
    spec.given([registered, erased]).when(erase).then([]);
    const newContact = {
      type: 'OrganisationDetailsChanged',
      data: {
        organisationId: profile.organisationId,
        contact: { name: 'New', email: 'new@acme.example' },
        changedAt: 't2',
      },
    } as const;
    spec.given([registered, erased, newContact]).when(erase).then([erased]);
    expect(
      organisationDecider.evolve(
        organisationDecider.evolve(organisationDecider.initialState(), registered),
        erased,
      ),
    ).toMatchObject({
      contact: ERASED_CONTACT,
      personalDataErasedAt: 't1',
    });
  });
});
