import { deriveId, handle, type CommandContext } from '@pact/application';
import { apiKeyDecider, apiKeyStream } from '@pact/domain';
import type { EventStore } from '@pact/event-store';
import type { ApiKeyRecord } from '@pact/infrastructure';

/**
 * Records an issued key in its own stream: who issued it, when, which role, until when. The event
 * has a command id of its own, so it can be written by a command that also writes elsewhere.
 */
export function recordKeyIssued(store: EventStore, record: ApiKeyRecord, context: CommandContext) {
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
