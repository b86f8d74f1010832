import type { ApiRole } from '@pact/infrastructure';
import type { Actor } from '@pact/event-store';

export type Principal =
  | { readonly kind: 'anonymous' }
  | {
      readonly kind: 'key';
      readonly keyId: string;
      readonly role: ApiRole;
      readonly organisationId?: string;
    };

export type KeyPrincipal = Extract<Principal, { kind: 'key' }>;

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
    correlationId?: string;
  }
}

export function toActor(principal: KeyPrincipal): Actor {
  return {
    keyId: principal.keyId,
    role: principal.role,
    ...(principal.organisationId === undefined ? {} : { organisationId: principal.organisationId }),
  };
}

/** Whether the principal acts for this organisation (participants only ever act for their own). */
export function isMemberOf(principal: Principal, organisationId: string): boolean {
  return (
    principal.kind === 'key' &&
    principal.role === 'participant' &&
    principal.organisationId === organisationId
  );
}

export function hasRole(principal: Principal, ...roles: ApiRole[]): principal is KeyPrincipal {
  return principal.kind === 'key' && roles.includes(principal.role);
}
