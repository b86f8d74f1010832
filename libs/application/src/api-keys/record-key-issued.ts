import { apiKeyDecider, apiKeyStream, type ApiKeyRole } from '@pact/domain';
import type { EventStore } from '@pact/event-store';
import { handle } from '../command-pipeline/handle';
import type { CommandContext } from '../command-pipeline/command-context';
import { deriveId } from '../ids';

/** What the key store knows of an issued key (never its secret). */
export interface IssuedKey {
  readonly id: string;
  readonly role: ApiKeyRole;
  readonly organisationId?: string;
  readonly label: string;
  readonly createdAt: string;
  readonly expiresAt?: string;
}

/**
 * Records an issued key in its own stream: who issued it, when, which role, until when. The event
 * has a command id of its own, so it can be written by a command that also writes elsewhere.
 */
export function recordKeyIssued(store: EventStore, record: IssuedKey, context: CommandContext) {
  return handle(
    store,
    apiKeyDecider,
    apiKeyStream(record.id),
    {
      type: 'IssueApiKey',
      data: {
        keyId: record.id,
        role: record.role,
        ...(record.organisationId === undefined ? {} : { organisationId: record.organisationId }),
        label: record.label,
        issuedAt: record.createdAt,
        ...(record.expiresAt === undefined ? {} : { expiresAt: record.expiresAt }),
      },
    },
    { ...context, commandId: deriveId(context.commandId, 'api-key', record.id) },
  );
}
