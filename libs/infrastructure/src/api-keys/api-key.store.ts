import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { SecretBox } from '../secrets/secret-box';

export const API_ROLES = ['admin', 'reviewer', 'analyst', 'participant'] as const;
export type ApiRole = (typeof API_ROLES)[number];

export interface ApiKeyRecord {
  readonly id: string;
  readonly role: ApiRole;
  readonly organisationId?: string;
  readonly label: string;
  readonly createdAt: string;
  readonly expiresAt?: string;
  readonly revokedAt?: string;
}

/** A key as the API answers it, issued or listed: what it does not have is null. */
export interface ApiKeyView {
  readonly id: string;
  readonly role: ApiRole;
  readonly organisationId: string | null;
  readonly label: string;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
}

export function apiKeyView(record: ApiKeyRecord): ApiKeyView {
  return {
    id: record.id,
    role: record.role,
    organisationId: record.organisationId ?? null,
    label: record.label,
    createdAt: record.createdAt,
    expiresAt: record.expiresAt ?? null,
    revokedAt: record.revokedAt ?? null,
  };
}

export interface NewApiKey {
  readonly role: ApiRole;
  readonly organisationId?: string;
  readonly label: string;
  readonly expiresAt?: string;
}

/** Which keys a list holds: all, or those of one organisation, of one role, or both. */
export interface ApiKeyFilter {
  readonly organisationId?: string;
  readonly role?: ApiRole;
  /** An ID an admin searches by: the key with this id and the keys of the organisation with it. */
  readonly keyOrOrganisation?: string;
}

/** Where a list's page of keys starts: after the last key of the page before, else at an offset. */
export interface ApiKeyWindow {
  readonly offset: number;
  readonly limit: number;
  /** `[createdAt, id]` of the key the previous page ended on. */
  readonly after?: readonly unknown[];
}

/** A page of keys, newest first, and how many the filter holds. */
export interface ApiKeyPage {
  readonly items: ApiKeyRecord[];
  readonly total: number;
  readonly offset: number;
  readonly more: boolean;
  readonly after?: readonly unknown[];
}

/** The key a page of keys starts after: the newest-first order's keyset. */
export interface ApiKeyCursor {
  readonly createdAt: string;
  readonly id: string;
}

/** A stored key: its record and the peppered hash of its secret part. */
export interface StoredApiKey {
  readonly record: ApiKeyRecord;
  readonly secretHash: string;
}

/** Whether a key's expiry has come (an expired key works no more, whether or not revoked). */
export function hasExpired(record: ApiKeyRecord, now: Date): boolean {
  return record.expiresAt !== undefined && Date.parse(record.expiresAt) <= now.getTime();
}

const KEY_PATTERN = /^pact_([0-9a-f-]{36})_([A-Za-z0-9_-]{43})$/;

/**
 * API keys, stored as a peppered HMAC of their secret part and compared in constant time; the key
 * itself (`pact_<id>_<secret>`) is shown once. Adapters only store and find records; issuing and
 * checking are here, the same for all of them.
 */
export abstract class ApiKeyStore {
  private readonly pepper: Buffer;

  constructor(secrets: SecretBox) {
    this.pepper = secrets.derive('api-key-pepper');
  }

  protected abstract insert(key: StoredApiKey): Promise<void>;
  protected abstract find(id: string): Promise<StoredApiKey | undefined>;
  /** Sets the revocation instant unless already revoked; false when there is no such key. */
  protected abstract markRevoked(id: string, at: string): Promise<boolean>;
  /**
   * Keys newest first (by issue time, then id): those the filter holds, after the cursor's key when
   * there is one, skipping `skip` of them. Records only: the secrets are never kept.
   */
  protected abstract findKeys(
    filter: ApiKeyFilter,
    after: ApiKeyCursor | undefined,
    skip: number,
    limit: number,
  ): Promise<ApiKeyRecord[]>;
  protected abstract countKeys(filter: ApiKeyFilter): Promise<number>;
  /** Removes a key that was issued for a command that then failed, so it never worked. */
  abstract discard(id: string): Promise<void>;

  async issue(input: NewApiKey, now: Date): Promise<{ record: ApiKeyRecord; key: string }> {
    const id = randomUUID();
    const secret = randomBytes(32).toString('base64url');
    const record: ApiKeyRecord = {
      id,
      role: input.role,
      label: input.label,
      createdAt: now.toISOString(),
      ...(input.organisationId === undefined ? {} : { organisationId: input.organisationId }),
      ...(input.expiresAt === undefined ? {} : { expiresAt: input.expiresAt }),
    };
    await this.insert({ record, secretHash: this.hash(secret) });
    return { record, key: `pact_${id}_${secret}` };
  }

  /** The active key record for a presented key, or undefined (unknown, malformed, revoked, expired). */
  async authenticate(presented: string, now: Date): Promise<ApiKeyRecord | undefined> {
    const match = KEY_PATTERN.exec(presented);
    if (!match) return undefined;
    const stored = await this.activeStored(match[1]!, now);
    if (!stored) return undefined;
    const expected = Buffer.from(stored.secretHash, 'hex');
    const actual = Buffer.from(this.hash(match[2]!), 'hex');
    return expected.length === actual.length && timingSafeEqual(expected, actual)
      ? stored.record
      : undefined;
  }

  /** The key's record while it is neither revoked nor expired (a web session re-checks it per request). */
  async active(id: string, now: Date): Promise<ApiKeyRecord | undefined> {
    return (await this.activeStored(id, now))?.record;
  }

  private async activeStored(id: string, now: Date): Promise<StoredApiKey | undefined> {
    const stored = await this.find(id);
    if (!stored || stored.record.revokedAt !== undefined) return undefined;
    return hasExpired(stored.record, now) ? undefined : stored;
  }

  /** A page of the keys the filter holds, newest first, from a keyset or an offset. */
  async list(filter: ApiKeyFilter, window: ApiKeyWindow): Promise<ApiKeyPage> {
    const [createdAt, id] = window.after ?? [];
    const after =
      typeof createdAt === 'string' && typeof id === 'string' ? { createdAt, id } : undefined;
    const [found, total] = await Promise.all([
      this.findKeys(filter, after, after ? 0 : window.offset, window.limit + 1),
      this.countKeys(filter),
    ]);
    const items = found.slice(0, window.limit);
    const last = items.at(-1);
    return {
      items,
      total,
      offset: window.offset,
      more: found.length > window.limit,
      ...(last ? { after: [last.createdAt, last.id] } : {}),
    };
  }

  /** False when no such key exists; revoking twice is harmless. */
  revoke(id: string, now: Date): Promise<boolean> {
    return this.markRevoked(id, now.toISOString());
  }

  private hash(secret: string): string {
    return createHmac('sha256', this.pepper).update(secret).digest('hex');
  }
}
