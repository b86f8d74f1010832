import { handle, recordKeyIssued, type CommandContext } from '@pact/application';
import { apiKeyDecider, apiKeyStream, NotFoundError } from '@pact/domain';
import type { EventStore } from '@pact/event-store';
import type { ApiKeyRecord, ApiKeyStore, NewApiKey } from './api-key.store';

/**
 * Issues a key and records its issuance as an event; a key whose issuance cannot be recorded
 * (an expiry in the past, say) is discarded, so it never works.
 */
export async function issueRecordedKey(
  keys: ApiKeyStore,
  store: EventStore,
  input: NewApiKey,
  context: CommandContext,
): Promise<{ record: ApiKeyRecord; key: string; revision: number; position: bigint }> {
  const { record, key } = await keys.issue(input, context.now);
  try {
    const written = await recordKeyIssued(store, record, context);
    return { record, key, revision: written.revision, position: written.position };
  } catch (error) {
    await keys.discard(record.id);
    throw error;
  }
}

/**
 * Refuses a key from now on, then records the revocation, so a failure between the two errs on the
 * side of the key not working (a retry records it). False when there is no such key; a key issued
 * before issuance was recorded has no stream, and its revocation stays in the key store only.
 */
export async function revokeRecordedKey(
  keys: ApiKeyStore,
  store: EventStore,
  id: string,
  context: CommandContext,
): Promise<boolean> {
  if (!(await keys.revoke(id, context.now))) return false;
  try {
    await handle(
      store,
      apiKeyDecider,
      apiKeyStream(id),
      { type: 'RevokeApiKey', data: { revokedAt: context.now.toISOString() } },
      context,
    );
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
  }
  return true;
}
