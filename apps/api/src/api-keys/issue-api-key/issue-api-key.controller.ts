import { load, type CommandContext } from '@pact/application';
import { organisationDecider, organisationStream } from '@pact/domain';
import { EVENT_STORE, type EventStore } from '@pact/event-store';
import { API_ROLES, ApiKeyStore, issueRecordedKey, type ApiRole } from '@pact/infrastructure';
import { Body, Controller, HttpCode, Inject, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { commandContext } from '../../http/command-request.interceptor';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { Allow } from '../../auth/access.decorator';
import { invalidInput } from '../../http/problem';

export class IssueApiKeyDto {
  @IsString() @IsIn(API_ROLES) role!: ApiRole;
  @IsOptional() @IsUUID() organisationId?: string;
  @IsString() @Length(1, 200) label!: string;
  /** After this instant the key is refused (401). */
  @IsOptional() @IsISO8601({ strict: true }) expiresAt?: string;
}

@Controller('v1/api-keys')
export class IssueApiKeyController {
  constructor(
    private readonly keys: ApiKeyStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** The key is in this response only; the server keeps a hash of it. */
  @Post()
  @Allow('admin')
  @HttpCode(201)
  async issue(@Body() body: IssueApiKeyDto, @Req() request: FastifyRequest) {
    return issueApiKey(this.keys, this.store, body, commandContext(request));
  }
}

/** Issues a key (recorded as an event): the API's and the admin page's one way to do it. */
export async function issueApiKey(
  keys: ApiKeyStore,
  store: EventStore,
  body: IssueApiKeyDto,
  context: CommandContext,
) {
  const { role, organisationId, label } = body;
  if (role === 'participant') {
    if (organisationId === undefined) {
      throw invalidInput('A participant key is bound to an organisation', [
        { field: 'organisationId', message: 'is required for a participant key' },
      ]);
    }
    const organisation = await load(store, organisationDecider, organisationStream(organisationId));
    if (organisation.state.status === 'none') {
      throw invalidInput('Unknown organisation', [
        { field: 'organisationId', message: 'no such organisation' },
      ]);
    }
  } else if (organisationId !== undefined) {
    throw invalidInput('Only participant keys are bound to an organisation', [
      { field: 'organisationId', message: `must be absent for a ${role} key` },
    ]);
  }
  // An expiry in the past is the key decider's to refuse (400).
  const { record, key, revision, position } = await issueRecordedKey(
    keys,
    store,
    {
      role,
      label,
      ...(organisationId ? { organisationId } : {}),
      ...(body.expiresAt ? { expiresAt: new Date(body.expiresAt).toISOString() } : {}),
    },
    context,
  );
  return {
    id: record.id,
    key,
    role: record.role,
    organisationId: record.organisationId ?? null,
    label: record.label,
    createdAt: record.createdAt,
    expiresAt: record.expiresAt ?? null,
    revision,
    position: String(position),
  };
}
