import { webhookTargetProblem } from '@pact/infrastructure';
import { InvalidCommandError } from '@pact/domain';

/**
 * Webhooks are https and lead to public addresses only (never this server or its network), unless
 * WEBHOOK_ALLOW_INSECURE=true for development and tests.
 */
export async function checkWebhookUrl(
  url: string | undefined,
  allowInsecure: boolean,
): Promise<void> {
  if (url === undefined || allowInsecure) return;
  const problem = await webhookTargetProblem(url);
  if (problem)
    throw new InvalidCommandError('Invalid webhook URL', 'webhook-invalid', [
      { field: 'webhookUrl', message: problem, code: 'webhook-url' },
    ]);
}
