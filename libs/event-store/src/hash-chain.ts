import { hash } from 'node:crypto';
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
const INSERTION_SORT_UP_TO = 16;

/**
 * Keys in the order a key-sorted copy has them: JavaScript puts array-index keys ("0", "12") first,
 * in numeric order, whatever the insertion order, so the chain's canonical form does too.
 */
function sortedKeys(source: Record<string, unknown>): string[] {
  const keys = Object.keys(source);
  if (keys.length <= INSERTION_SORT_UP_TO) sortFew(keys);
  else keys.sort();
  if (!keys.some(startsWithDigit)) return keys;
  const indices = keys.filter((key) => ARRAY_INDEX.test(key) && Number(key) < 4294967295);
  if (indices.length === 0) return keys;
  const rest = keys.filter((key) => !indices.includes(key));
  return [...indices.sort((a, b) => Number(a) - Number(b)), ...rest];
}

/**
 * An insertion sort in place, in the order of Array.prototype.sort (UTF-16 code units): an event's
 * objects have a handful of keys, for which this costs about a third as much.
 */
function sortFew(keys: string[]): void {
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    for (; j >= 0 && keys[j]! > key; j--) keys[j + 1] = keys[j]!;
    keys[j + 1] = key;
  }
}

function startsWithDigit(key: string): boolean {
  const first = key.charCodeAt(0);
  return first >= 48 && first <= 57;
}

/** Keys as JSON strings, kept for the keys events use again and again (bounded: data may bring any key). */
const quotedKeys = new Map<string, string>();
const QUOTED_KEYS_KEPT = 10_000;

function quoted(key: string): string {
  let text = quotedKeys.get(key);
  if (text === undefined) {
    text = JSON.stringify(key);
    if (quotedKeys.size < QUOTED_KEYS_KEPT) quotedKeys.set(key, text);
  }
  return text;
}

/**
 * Characters JSON.stringify may write otherwise than as themselves: quote, backslash, controls, and
 * surrogates (escaped when lone), which are all left to it.
 */
// eslint-disable-next-line no-control-regex -- control characters are among what JSON escapes
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A string as JSON.stringify writes it: most are written as they are, without the call. */
function quote(text: string): string {
  return ESCAPED.test(text) ? JSON.stringify(text) : '"' + text + '"';
}

/** What JSON.stringify writes of a number: its own text, or null when it is not finite. */
function numberJson(value: number): string {
  return Number.isFinite(value) ? String(value) : 'null';
}

function write(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      return numberJson(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      return JSON.stringify(value);
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      out += write(value[i]) ?? 'null';
    }
    return out + ']';
  }
  const source = value as Record<string, unknown>;
  let out = '{';
  let first = true;
  for (const key of sortedKeys(source)) {
    const item = write(source[key]);
    if (item === undefined) continue;
    if (first) first = false;
    else out += ',';
    out += quoted(key) + ':' + item;
  }
  return out + '}';
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
    `"eventId":${quote(fields.eventId)},"metadata":${metadataJson},` +
    `"recordedAt":${quote(fields.recordedAt)},"revision":${numberJson(fields.revision)},` +
    `"schemaVersion":${numberJson(fields.schemaVersion)},"streamId":${quote(fields.streamId)},` +
    `"type":${quote(fields.type)}}`;
  // One-shot hashing: no Hash object per event.
  return hash('sha256', previousHash + body, 'hex');
}
