import { pledgeStream } from '@pact/domain';
import type { EventStore } from '@pact/event-store';
import type { Principal } from '../auth/principal';
import { isMemberOf } from '../auth/principal';
import { notFound } from '../http/problem';

/**
 * The audit trail of a pledge is for its organisation's participants, reviewers and admins (the
 * route admits those roles); another organisation's participant is told it does not exist.
 */
export async function assertMayAudit(
  store: EventStore,
  pledgeId: string,
  principal: Principal,
): Promise<void> {
  const [signed] = await store.readStream(pledgeStream(pledgeId), { maxCount: 1 });
  if (!signed) throw notFound('Pledge not found');
  const { organisationId } = signed.data as { organisationId: string };
  if (
    principal.kind === 'key' &&
    principal.role === 'participant' &&
    !isMemberOf(principal, organisationId)
  ) {
    throw notFound('Pledge not found');
  }
}
