import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiSecurity } from '@nestjs/swagger';
import type { ApiRole } from '@pact/infrastructure';

export const ACCESS = 'pact:access';
export type Access = 'anyone' | readonly ApiRole[];

/** Who may call a route. Every route declares it; a route without is refused. The OpenAPI document says so too. */
export const Allow = (...roles: ApiRole[]) =>
  applyDecorators(
    SetMetadata(ACCESS, roles satisfies Access),
    ApiBearerAuth('bearer'),
    ApiExtension('x-roles', roles),
  );

/** Open to anonymous callers; a key, when given, is still checked (and may see more). */
export const Anyone = () =>
  applyDecorators(
    SetMetadata(ACCESS, 'anyone' satisfies Access),
    ApiSecurity('bearer'),
    ApiSecurity({}),
    ApiExtension('x-roles', ['anyone']),
  );
