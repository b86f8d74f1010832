import { InvalidCommandError, type FieldError } from '../shared/errors';
import { NACE_SECTIONS, ORGANISATION_SIZES, ROLES } from '../shared/values';
import type { OrganisationProfile } from './organisation.events';

/** The profile rules of domain.md; the HTTP layer checks shapes, the domain keeps the rules. */
export function validateProfile(profile: OrganisationProfile): void {
  const errors: FieldError[] = [];
  if (profile.name.trim().length === 0)
    errors.push({ field: 'name', message: 'must not be blank', code: 'blank' });
  if (!/^[A-Z]{2}$/.test(profile.country)) {
    errors.push({
      field: 'country',
      message: 'must be an ISO 3166-1 alpha-2 code',
      code: 'country',
    });
  }
  if (!NACE_SECTIONS.includes(profile.sector)) {
    errors.push({
      field: 'sector',
      message: 'must be a NACE Rev. 2 section letter A-U',
      code: 'sector',
    });
  }
  if (!ORGANISATION_SIZES.includes(profile.size)) {
    errors.push({
      field: 'size',
      message: `must be one of ${ORGANISATION_SIZES.join(', ')}`,
      code: 'size',
    });
  }
  const roles = profile.roles;
  if (
    roles.length === 0 ||
    new Set(roles).size !== roles.length ||
    !roles.every((r) => ROLES.includes(r))
  ) {
    errors.push({
      field: 'roles',
      message: 'must be a non-empty set of provider, deployer',
      code: 'roles',
    });
  }
  if (profile.webhookUrl !== undefined && !/^https?:\/\//.test(profile.webhookUrl)) {
    errors.push({ field: 'webhookUrl', message: 'must be an http(s) URL', code: 'webhook-url' });
  }
  if (errors.length > 0)
    throw new InvalidCommandError('Invalid organisation details', 'organisation-invalid', errors);
}
