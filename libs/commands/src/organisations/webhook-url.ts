import { selfTargetProblem, webhookTargetProblem, type OwnPorts } from '@pact/infrastructure';
import { InvalidCommandError } from '@pact/domain';

/**
 * Webhooks are https and lead to public addresses only (never this server or its network). With
 * WEBHOOK_ALLOW_INSECURE=true (development and tests) http and local receivers are allowed, but
 * still not this server itself.
 */
export async function checkWebhookUrl(
  url: string | undefined,
  allowInsecure: boolean,
  ownPorts: OwnPorts,
): Promise<void> {
  if (url === undefined) return;
  const problem = allowInsecure
    ? await selfTargetProblem(url, ownPorts)
    : await webhookTargetProblem(url);
  if (problem)
    throw new InvalidCommandError('Invalid webhook URL', 'webhook-invalid', [
      { field: 'webhookUrl', message: problem, code: 'webhook-url' },
    ]);
}
