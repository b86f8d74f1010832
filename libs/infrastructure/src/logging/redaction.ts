const EMAIL = /[A-Za-z0-9._%+-]+(@|%40)[A-Za-z0-9.-]+\.[A-Za-z]{2,}/gi;
const API_KEY = /\b(pact_[0-9a-f-]{36}_)[A-Za-z0-9_-]{43}\b/g;
const WEBHOOK_SECRET = /\bwhsec_[A-Za-z0-9_-]+/g;
const BEARER = /\b(Bearer|Basic)\s+[\x21-\x7e]+/gi;
const URL_CREDENTIALS = /(\/\/)[^/\s:@]*:[^/\s@]*@/g;

/**
 * What each pattern above cannot match without: a text with none of these (most of a log line's
 * strings: ids, methods, paths, messages) is returned after one scan rather than five.
 */
const MAY_HOLD_SECRETS = /pact_|whsec_|bearer|basic|\/\/|@|%40/i;
const SECRET_FIELD = /^(authorization|cookie|x-api-key|key|apikey|secret|webhooksecret|password)$/i;

/** Personal data and secrets out of a log text: e-mail addresses, API keys, webhook secrets, credentials. */
export function redactText(text: string): string {
  return MAY_HOLD_SECRETS.test(text) ? redactEveryPattern(text) : text;
}

/** Every pattern applied, one after the other, whatever the text holds. */
export function redactEveryPattern(text: string): string {
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
  const redacted: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value))
    redacted[key] = SECRET_FIELD.test(key) ? '[redacted]' : redactDeep(item, depth + 1);
  return redacted;
}
