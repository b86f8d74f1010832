import { CLOCK, type Clock } from '@pact/application';
import { NACE_SECTIONS, ORGANISATION_SIZES, ROLES } from '@pact/domain';
import {
  findRegistryPledges,
  REGISTRY_SORTS,
  REPORTING_STATUSES,
  type RegistryItem,
} from '@pact/projections';
import { READ_STORE, type ReadStore } from '@pact/read-store';
import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Anyone } from '../../auth/access.decorator';
import { hasRole } from '../../auth/principal';
import { LIST_PARAMS, listWindow, sendList } from '../../http/list-response';
import { QueryParams, withoutUndefined, AcceptsQuery } from '../../http/query-params';
import { ReadYourWrites } from '../../http/read-your-writes';

const COLUMNS: (keyof RegistryItem)[] = [
  'pledgeId',
  'organisationId',
  'organisationName',
  'country',
  'sector',
  'size',
  'roles',
  'status',
  'signedAt',
  'publishedAt',
  'commitments',
  'reportingStatus',
  'nextDueAt',
  'lastReportedAt',
];

const REGISTRY_QUERY = [
  ...LIST_PARAMS,
  ...[
    'country',
    'sector',
    'size',
    'role',
    'commitment',
    'reportingStatus',
    'status',
    'q',
    'signedFrom',
    'signedTo',
    'sort',
  ],
];

@Controller('v1/registry')
export class FindRegistryPledgesController {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  /** The public registry: published pledges for anyone; every pledge for analysts, reviewers and admins. */
  @Get('pledges')
  @AcceptsQuery(REGISTRY_QUERY)
  @Anyone()
  async find(
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const params = new QueryParams(query, REGISTRY_QUERY);
    const filters = {
      country: params.matching('country', /^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code'),
      sector: params.oneOf('sector', NACE_SECTIONS),
      size: params.oneOf('size', ORGANISATION_SIZES),
      role: params.oneOf('role', ROLES),
      commitment: params.text('commitment', 100),
      reportingStatus: params.oneOf('reportingStatus', REPORTING_STATUSES),
      status: params.oneOf('status', ['signed', 'published', 'withdrawn'] as const),
      q: params.text('q'),
      signedFrom: params.instant('signedFrom'),
      signedBefore: params.instant('signedTo', 'until'),
      sort: params.oneOf('sort', REGISTRY_SORTS),
    };
    const window = listWindow(params);
    await this.readYourWrites.reach(params);
    const page = await findRegistryPledges(this.store, {
      ...withoutUndefined(filters),
      ...window,
      publishedOnly: !hasRole(request.principal!, 'analyst', 'reviewer', 'admin'),
      now: this.clock.now(),
    });
    return sendList(request, reply, page, COLUMNS);
  }
}
