import { SetMetadata } from '@nestjs/common';
import type { ApiRole } from '@pact/infrastructure';

export const ACCESS = 'pact:access';
export type Access = 'anyone' | readonly ApiRole[];

/** Who may call a route. Every route declares it; a route without is refused. */
export const Allow = (...roles: ApiRole[]) => SetMetadata(ACCESS, roles satisfies Access);
export const Anyone = () => SetMetadata(ACCESS, 'anyone' satisfies Access);
