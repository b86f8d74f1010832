import { invalidInput } from '../http/problem';

const LOCAL_HOST = /^(localhost|.*\.localhost|127\.\d+\.\d+\.\d+|0\.0\.0\.0|\[::1?\]|::1?)$/i;

/** Webhooks are https and never aimed at this server, unless WEBHOOK_ALLOW_INSECURE=true. */
export function checkWebhookUrl(url: string | undefined, allowInsecure: boolean): void {
  if (url === undefined || allowInsecure) return;
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:') {
    throw invalidInput('Invalid webhook URL', [
      { field: 'webhookUrl', message: 'must be an https URL' },
    ]);
  }
  if (LOCAL_HOST.test(parsed.hostname)) {
    throw invalidInput('Invalid webhook URL', [
      { field: 'webhookUrl', message: 'must not point at this server' },
    ]);
  }
}
