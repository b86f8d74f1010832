import { applyDecorators, SetMetadata, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { ApiRole } from '@pact/infrastructure';
import { Anyone } from '../../auth/access.decorator';
import { PageErrorFilter } from './page-error.filter';
import { PageGuard } from './page.guard';

export const PAGE_ACCESS = 'pact:page-access';
export type PageAccess = 'anyone' | readonly ApiRole[];

/**
 * A controller of pages: signed in by session cookie (not bearer keys), errors as HTML pages, and
 * left out of the API's OpenAPI document.
 */
export const Pages = () =>
  applyDecorators(
    Anyone(),
    ApiExcludeController(),
    UseGuards(PageGuard),
    UseFilters(PageErrorFilter),
  );

/** Who may open a page; a signed-out visitor is sent to sign in first. */
export const PageFor = (...roles: ApiRole[]) =>
  SetMetadata(PAGE_ACCESS, roles satisfies PageAccess);
export const PublicPage = () => SetMetadata(PAGE_ACCESS, 'anyone' satisfies PageAccess);
