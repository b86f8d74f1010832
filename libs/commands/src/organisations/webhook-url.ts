import { webhookUrlProblem, type WebhookPolicy } from '@pact/infrastructure';
import { InvalidCommandError } from '@pact/domain';

/**
 * Webhooks are https and lead to public addresses only (never this server or its network). With
 * WEBHOOK_ALLOW_INSECURE=true (development and tests) http and local receivers are allowed, but
 * still not this server itself.
 */
export async function checkWebhookUrl(
  url: string | undefined,
  policy: WebhookPolicy,
): Promise<void> {
  if (url === undefined) return;
  const problem = await webhookUrlProblem(url, policy);
  if (problem)
    throw new InvalidCommandError('Invalid webhook URL', 'webhook-invalid', [
      { field: 'webhookUrl', message: problem, code: 'webhook-url' },
    ]);
}
