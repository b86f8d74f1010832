export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface StoredResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
}

export type IdempotencyClaim =
  | { readonly kind: 'claimed' }
  | { readonly kind: 'replay'; readonly response: StoredResponse }
  | { readonly kind: 'mismatch' }
  | { readonly kind: 'in-progress' };

/**
 * Idempotency records per (principal, key), kept 24 hours. Responses are sealed: a registration's
 * response holds a freshly issued API key.
 */
export abstract class IdempotencyStore {
  /** Claims the key for a request, or says why not (another body, in progress, already answered). */
  abstract claim(
    principal: string,
    key: string,
    fingerprint: string,
    now: Date,
  ): Promise<IdempotencyClaim>;
  abstract complete(principal: string, key: string, response: StoredResponse): Promise<void>;
  /** Forgets a claim whose outcome is not kept (a failure on the server's side), so a repeat runs again. */
  abstract release(principal: string, key: string): Promise<void>;
  abstract purgeExpired(now: Date): Promise<number>;
}
