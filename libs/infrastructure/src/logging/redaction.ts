const EMAIL = /[A-Za-z0-9._%+-]+(@|%40)[A-Za-z0-9.-]+\.[A-Za-z]{2,}/gi;
const API_KEY = /\b(pact_[0-9a-f-]{36}_)[A-Za-z0-9_-]{43}\b/g;
const WEBHOOK_SECRET = /\bwhsec_[A-Za-z0-9_-]+/g;
const BEARER = /\b(Bearer|Basic)\s+[\x21-\x7e]+/gi;
const URL_CREDENTIALS = /(\/\/)[^/\s:@]*:[^/\s@]*@/g;

/** Personal data and secrets out of a log text: e-mail addresses, API keys, webhook secrets, credentials. */
export function redactText(text: string): string {
  return text
    .replace(API_KEY, '$1[redacted]')
    .replace(WEBHOOK_SECRET, 'whsec_[redacted]')
    .replace(BEARER, '$1 [redacted]')
    .replace(URL_CREDENTIALS, '$1[redacted]@')
    .replace(EMAIL, '[email]');
}

/** The same, through every string of a log record. */
export function redactDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (depth > 8 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => redactDeep(item, depth + 1));
  if (value instanceof Error) return redactText(value.stack ?? value.message);
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      /^(authorization|cookie|x-api-key|key|apiKey|secret|webhookSecret|password)$/i.test(key)
        ? '[redacted]'
        : redactDeep(item, depth + 1),
    ]),
  );
}
