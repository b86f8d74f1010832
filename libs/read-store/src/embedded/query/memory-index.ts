import BTree from 'sorted-btree';
import type { ReadDocument } from '../../read-store.port';
import { HIGHEST, keyComparator } from './value-order';

export type IndexKey = readonly unknown[];

/**
 * One declared index of a collection, kept in memory as a B+ tree from keys (the declared fields'
 * values then `_id`, so every key is unique) to the documents themselves. An array value gives one
 * key per distinct element (a multikey index, as in MongoDB); an empty array gives one key with the
 * field missing.
 */
export class MemoryIndex {
  readonly fields: readonly string[];
  readonly directions: readonly (1 | -1)[];
  readonly compare: (a: IndexKey, b: IndexKey) => number;
  private readonly tree: BTree<IndexKey, ReadDocument>;
  /** The fields that have held an array in some document: walking them may meet a document twice. */
  readonly multikeyFields = new Set<string>();
  /**
   * Entries per prefix of the leading fields (all but the last declared field and `_id`), so a count
   * the index covers is a lookup, not a walk.
   */
  private readonly prefixCounts = new Map<string, number>();

  constructor(keys: Readonly<Record<string, 1 | -1>>, documents: Iterable<ReadDocument>) {
    const entries = Object.entries(keys);
    const last = entries[entries.length - 1];
    if (last?.[0] !== '_id') entries.push(['_id', last?.[1] ?? 1]);
    this.fields = entries.map(([field]) => field);
    this.directions = entries.map(([, direction]) => direction);
    this.compare = keyComparator(this.directions);
    this.tree = new BTree<IndexKey, ReadDocument>(undefined, this.compare);
    for (const document of documents) this.update(undefined, document);
  }

  get size(): number {
    return this.tree.size;
  }

  /**
   * Keeps the index in step with one document change (`before` and `after` may be undefined). A key
   * the change leaves as it was keeps its place and counts and only points at the new document: most
   * writes change none of an index's fields.
   */
  update(before: ReadDocument | undefined, after: ReadDocument | undefined): void {
    const kept = after ? this.keysOf(after) : [];
    if (before)
      for (const key of this.keysOf(before)) {
        if (kept.some((other) => this.compare(other, key) === 0)) continue;
        if (this.tree.delete(key)) this.countPrefixes(key, -1);
      }
    // `set` replaces the document of a key already there, and is true only for a new key.
    for (const key of kept) if (this.tree.set(key, after!)) this.countPrefixes(key, 1);
  }

  /** Calls `visit` with the document of every entry whose key starts with `prefix`, in index order. */
  forEachWithPrefix(prefix: IndexKey, visit: (document: ReadDocument) => void): void {
    this.tree.forRange(prefix, [...prefix, HIGHEST], false, (_key, document) => {
      visit(document);
    });
  }

  /** Calls `visit` with the document of every entry from `low` up to `high`, in index order. */
  forEachBetween(
    low: IndexKey,
    high: IndexKey,
    includeHigh: boolean,
    visit: (key: IndexKey, document: ReadDocument) => void,
  ): void {
    this.tree.forRange(low, high, includeHigh, (key, document) => {
      visit(key, document);
    });
  }

  /** How many entries lie from `low` up to `high`: counted leaf by leaf, no entry visited. */
  countBetween(low: IndexKey, high: IndexKey, includeHigh: boolean): number {
    return this.tree.forRange(low, high, includeHigh);
  }

  /** How many entries have a key starting with `prefix`. */
  countWithPrefix(prefix: IndexKey): number {
    if (prefix.length === 0) return this.tree.size;
    if (prefix.length <= this.fields.length - 2)
      return this.prefixCounts.get(JSON.stringify(prefix)) ?? 0;
    return this.tree.forRange(prefix, [...prefix, HIGHEST], false);
  }

  private countPrefixes(key: IndexKey, delta: 1 | -1): void {
    for (let length = 1; length <= this.fields.length - 2; length++) {
      const prefix = JSON.stringify(key.slice(0, length));
      const n = (this.prefixCounts.get(prefix) ?? 0) + delta;
      if (n === 0) this.prefixCounts.delete(prefix);
      else this.prefixCounts.set(prefix, n);
    }
  }

  /** Entries from `from` upwards in index order (from the lowest key when undefined). */
  ascending(from: IndexKey | undefined): IterableIterator<[IndexKey, ReadDocument]> {
    return this.tree.entries(from);
  }

  /** Entries from `from` downwards in index order, `from` itself left out when `exclusive`. */
  descending(from: IndexKey, exclusive: boolean): IterableIterator<[IndexKey, ReadDocument]> {
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
