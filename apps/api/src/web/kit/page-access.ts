import { applyDecorators, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Anyone } from '../../auth/access.decorator';
import { PageErrorFilter } from './page-error.filter';
import { PageGuard } from './page.guard';

export { PageFor, PublicPage } from './page-roles';

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
