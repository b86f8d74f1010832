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

/**
 * Object keys sorted recursively (default string order), arrays in order, no whitespace, values as
 * `JSON.stringify` writes them: the same text as `JSON.stringify` of a key-sorted copy, written
 * directly, without building the copy (an append canonicalises every event it stores).
 */
export function canonicalJson(value: unknown): string {
  return write(value) as string;
}

const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/;

/**
 * Keys in the order a key-sorted copy has them: JavaScript puts array-index keys ("0", "12") first,
 * in numeric order, whatever the insertion order, so the chain's canonical form does too.
 */
function sortedKeys(source: Record<string, unknown>): string[] {
  const keys = Object.keys(source).sort();
  // The usual case, no key starting with a digit, costs one character test per key.
  if (!keys.some((key) => key.charCodeAt(0) >= 48 && key.charCodeAt(0) <= 57)) return keys;
  const indices = keys.filter((key) => ARRAY_INDEX.test(key) && Number(key) < 4294967295);
  if (indices.length === 0) return keys;
  const rest = keys.filter((key) => !indices.includes(key));
  return [...indices.sort((a, b) => Number(a) - Number(b)), ...rest];
}

function write(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      out += write(value[i]) ?? 'null';
    }
    return `${out}]`;
  }
  const source = value as Record<string, unknown>;
  let out = '{';
  let first = true;
  for (const key of sortedKeys(source)) {
    const item = write(source[key]);
    if (item === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${item}`;
    first = false;
  }
  return `${out}}`;
}

/** `sha256hex(previousHash + canonicalJSON({streamId, revision, eventId, type, schemaVersion, recordedAt, data, metadata}))`. */
export function chainHash(previousHash: string, fields: HashedFields): string {
  return chainHashOf(
    previousHash,
    fields,
    canonicalJson(fields.data),
    canonicalJson(fields.metadata),
  );
}

/**
 * The same hash from `data` and `metadata` already in canonical JSON (an append stores those very
 * strings, so each is serialised once). The envelope's keys are written in their sorted order:
 * data, eventId, metadata, recordedAt, revision, schemaVersion, streamId, type.
 */
export function chainHashOf(
  previousHash: string,
  fields: Omit<HashedFields, 'data' | 'metadata'>,
  dataJson: string | undefined,
  metadataJson: string,
): string {
  const body =
    (dataJson === undefined ? '{' : `{"data":${dataJson},`) +
    `"eventId":${JSON.stringify(fields.eventId)},"metadata":${metadataJson},` +
    `"recordedAt":${JSON.stringify(fields.recordedAt)},"revision":${JSON.stringify(fields.revision)},` +
    `"schemaVersion":${JSON.stringify(fields.schemaVersion)},"streamId":${JSON.stringify(fields.streamId)},` +
    `"type":${JSON.stringify(fields.type)}}`;
  return createHash('sha256')
    .update(previousHash + body)
    .digest('hex');
}
