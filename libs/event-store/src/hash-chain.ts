import { createHash } from 'node:crypto';
import type { EventMetadata } from './event-store.port';

export const GENESIS_HASH = '0'.repeat(64);

export interface HashedFields {
  readonly streamId: string;
  readonly revision: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly recordedAt: string;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

/** Object keys sorted recursively (default string order), arrays in order, no whitespace. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(source).sort()) sorted[key] = sortKeys(source[key]);
  return sorted;
}

/** `sha256hex(previousHash + canonicalJSON({streamId, revision, eventId, type, schemaVersion, recordedAt, data, metadata}))`. */
export function chainHash(previousHash: string, fields: HashedFields): string {
  const { streamId, revision, eventId, type, schemaVersion, recordedAt, data, metadata } = fields;
  const body = canonicalJson({
    streamId,
    revision,
    eventId,
    type,
    schemaVersion,
    recordedAt,
    data,
    metadata,
  });
  return createHash('sha256')
    .update(previousHash + body)
    .digest('hex');
}
