import { API_ROLES, ApiKeyStore, apiKeyView } from '@pact/infrastructure';
import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Allow } from '../../auth/access.decorator';
import { LIST_PARAMS, listWindow, sendList } from '../../http/list-response';
import { AcceptsQuery, QueryParams, withoutUndefined } from '../../http/query-params';
import { ReadYourWrites } from '../../http/read-your-writes';

const KEYS_QUERY = [...LIST_PARAMS, 'organisationId', 'role'];
/** The one order of the list, as its cursors name it. */
const KEYS_ORDER = 'api-keys';
const KEY_COLUMNS = [
  'id',
  'role',
  'organisationId',
  'label',
  'createdAt',
  'expiresAt',
  'revokedAt',
] as const;

@Controller('v1/api-keys')
export class FindApiKeysController {
  constructor(
    private readonly keys: ApiKeyStore,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  /** Issued keys, newest first, revoked and expired ones too; never a key's secret. */
  @Get()
  @AcceptsQuery(KEYS_QUERY)
  @Allow('admin')
  async find(
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const params = new QueryParams(query, KEYS_QUERY);
    const filter = withoutUndefined({
      organisationId: params.uuid('organisationId', 'an organisation id (a UUID)'),
      role: params.oneOf('role', API_ROLES),
    });
    const window = listWindow(params, KEYS_ORDER);
    // Keys are no read model: a command's position is reached once the log holds it.
    await this.readYourWrites.reachLog(params);
    const page = await this.keys.list(filter, window);
    const items = page.items.map(apiKeyView);
    return sendList(request, reply, { ...page, items }, KEY_COLUMNS, KEYS_ORDER);
  }
}
