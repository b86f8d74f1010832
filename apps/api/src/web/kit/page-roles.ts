import { SetMetadata } from '@nestjs/common';
import type { ApiRole } from '@pact/infrastructure';

export const PAGE_ACCESS = 'pact:page-access';
export type PageAccess = 'anyone' | readonly ApiRole[];

/** Who may open a page; a signed-out visitor is sent to sign in first. */
export const PageFor = (...roles: ApiRole[]) =>
  SetMetadata(PAGE_ACCESS, roles satisfies PageAccess);
export const PublicPage = () => SetMetadata(PAGE_ACCESS, 'anyone' satisfies PageAccess);
