import BTree from 'sorted-btree';
import type { ReadDocument } from '../../read-store.port';
import { keyComparator } from './value-order';

export type IndexKey = readonly unknown[];

/**
 * One declared index of a collection, kept in memory as a B+ tree of keys: the declared fields'
 * values then `_id`, so every key is unique. An array value gives one key per element (a multikey
 * index, as in MongoDB); an empty array gives one key with the field missing.
 */
export class MemoryIndex {
  readonly fields: readonly string[];
  readonly directions: readonly (1 | -1)[];
  readonly compare: (a: IndexKey, b: IndexKey) => number;
  private readonly tree: BTree<IndexKey, string>;
  /** The fields that have held an array in some document: walking them may meet a document twice. */
  readonly multikeyFields = new Set<string>();

  constructor(keys: Readonly<Record<string, 1 | -1>>, documents: Iterable<ReadDocument>) {
    const entries = Object.entries(keys);
    const last = entries[entries.length - 1];
    if (last?.[0] !== '_id') entries.push(['_id', last?.[1] ?? 1]);
    this.fields = entries.map(([field]) => field);
    this.directions = entries.map(([, direction]) => direction);
    this.compare = keyComparator(this.directions);
    const all: [IndexKey, string][] = [];
    for (const document of documents)
      for (const key of this.keysOf(document)) all.push([key, document._id]);
    all.sort((a, b) => this.compare(a[0], b[0]));
    this.tree = new BTree<IndexKey, string>(undefined, this.compare);
    this.tree.setPairs(all);
  }

  get size(): number {
    return this.tree.size;
  }

  /** Keeps the index in step with one document change (`before` and `after` may be undefined). */
  update(before: ReadDocument | undefined, after: ReadDocument | undefined): void {
    if (before) for (const key of this.keysOf(before)) this.tree.delete(key);
    if (after) for (const key of this.keysOf(after)) this.tree.set(key, after._id);
  }

  /** Entries from `from` upwards in index order (from the lowest key when undefined). */
  ascending(from: IndexKey | undefined): IterableIterator<[IndexKey, string]> {
    return this.tree.entries(from);
  }

  /** Entries from `from` downwards in index order, `from` itself left out when `exclusive`. */
  descending(from: IndexKey, exclusive: boolean): IterableIterator<[IndexKey, string]> {
    return this.tree.entriesReversed(from, undefined, exclusive);
  }

  private keysOf(document: ReadDocument): IndexKey[] {
    let keys: unknown[][] = [[]];
    for (const field of this.fields) {
      const value = document[field];
      if (Array.isArray(value)) {
        this.multikeyFields.add(field);
        const elements: unknown[] = value.length === 0 ? [undefined] : [...new Set(value)];
        keys = keys.flatMap((key) => elements.map((element) => [...key, element]));
      } else {
        for (const key of keys) key.push(value);
      }
    }
    return keys;
  }
}
