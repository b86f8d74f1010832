import type { ReadDocument } from '@pact/read-store';
import type { PageTx, ProjectionTx } from '../projection';
import {
  reportingStatusOf,
  type ReportingStatusName,
} from '../queries/reporting-status.expression';
import type { MilestoneDocument, PledgeDocument } from './registry.documents';

/**
 * `figures`: the analysts' figures, kept current page by page of the log so a request reads a
 * handful of documents instead of aggregating every pledge. Each figure is a sum over the registry's
 * documents (how many pledges are published, how many active ones name Germany, ...), so the
 * projection keeps it by adding each changed document's new share and taking away its old one.
 *
 * - `uptake`: organisations, pledges by status, active pledges by country, sector, size, role and
 *   commitment, milestones by review status, and the reporting status every active pledge starts in.
 * - `signatures:YYYY-MM`: pledges signed and withdrawn that month.
 * - `transitions:YYYY-MM`: per day of that month, how many active pledges enter and leave each
 *   reporting status (at their due-soon, due and non-reporting instants). The status counts at any
 *   instant are the starting counts plus every transition before it.
 */
export const FIGURES = 'figures';

export interface UptakeFigures extends ReadDocument {
  readonly _id: 'uptake';
  readonly organisations?: number;
  readonly status?: Readonly<Record<string, number>>;
  readonly country?: Readonly<Record<string, number>>;
  readonly sector?: Readonly<Record<string, number>>;
  readonly size?: Readonly<Record<string, number>>;
  readonly role?: Readonly<Record<string, number>>;
  readonly commitment?: Readonly<Record<string, number>>;
  readonly milestones?: Readonly<Record<string, number>>;
  /** Active pledges by the reporting status they are in before any of their instants. */
  readonly reportingFrom?: Readonly<Record<string, number>>;
}

export interface SignatureFigures extends ReadDocument {
  readonly kind: 'signatures';
  readonly month: string;
  readonly signed?: number;
  readonly withdrawn?: number;
}

export interface TransitionFigures extends ReadDocument {
  readonly kind: 'transitions';
  readonly month: string;
  /** Day (YYYY-MM-DD) → reporting status → pledges entering it (negative: leaving it). */
  readonly days?: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** One figure a document adds to: the figure document, the path of the number in it, how much. */
interface Share {
  readonly id: string;
  readonly path: readonly string[];
  readonly n: number;
}

const REGISTRY_COLLECTIONS = new Set(['organisations', 'pledges', 'milestones']);

const sameShares = (a: readonly Share[], b: readonly Share[]) =>
  a.length === b.length &&
  a.every(
    (share, i) =>
      share.id === b[i]!.id &&
      share.n === b[i]!.n &&
      share.path.length === b[i]!.path.length &&
      share.path.every((part, j) => part === b[i]!.path[j]),
  );

/** What one registry document adds to the figures. */
function sharesOf(collection: string, document: ReadDocument): Share[] {
  if (collection === 'organisations') return [{ id: 'uptake', path: ['organisations'], n: 1 }];
  if (collection === 'milestones') {
    const milestone = document as MilestoneDocument;
    return [
      { id: 'uptake', path: ['milestones', 'reported'], n: 1 },
      { id: 'uptake', path: ['milestones', milestone.reviewStatus], n: 1 },
    ];
  }
  const pledge = document as PledgeDocument;
  const shares: Share[] = [
    { id: 'uptake', path: ['status', pledge.status], n: 1 },
    { id: signatures(pledge.signedAt), path: ['signed'], n: 1 },
  ];
  if (pledge.withdrawnAt)
    shares.push({ id: signatures(pledge.withdrawnAt), path: ['withdrawn'], n: 1 });
  if (pledge.status === 'withdrawn') return shares;
  for (const field of ['country', 'sector', 'size'] as const)
    shares.push({ id: 'uptake', path: [field, String(pledge[field])], n: 1 });
  for (const role of pledge.roles) shares.push({ id: 'uptake', path: ['role', role], n: 1 });
  for (const code of pledge.commitments)
    shares.push({ id: 'uptake', path: ['commitment', code], n: 1 });
  const { from, transitions } = reportingTimeline(pledge);
  shares.push({ id: 'uptake', path: ['reportingFrom', from], n: 1 });
  for (const { at, leaves, enters } of transitions) {
    const id = `transitions:${at.slice(0, 7)}`;
    const day = at.slice(0, 10);
    shares.push(
      { id, path: ['days', day, leaves], n: -1 },
      { id, path: ['days', day, enters], n: 1 },
    );
  }
  return shares;
}

const signatures = (instant: string) => `signatures:${instant.slice(0, 7)}`;

/**
 * The reporting statuses an active pledge goes through: the one it starts in, then each change at
 * the instant it happens (a status holds from its instant on, as `now >= instant` reads).
 */
export function reportingTimeline(pledge: PledgeDocument): {
  from: ReportingStatusName;
  transitions: { at: string; leaves: ReportingStatusName; enters: ReportingStatusName }[];
} {
  const instants = [...new Set([pledge.dueSoonAt, pledge.dueAt, pledge.nonReportingAt])]
    .filter((instant): instant is string => typeof instant === 'string')
    .sort();
  const from = reportingStatusOf(pledge, '');
  const transitions = [];
  let current = from;
  for (const at of instants) {
    const next = reportingStatusOf(pledge, at);
    if (next !== current) transitions.push({ at, leaves: current, enters: next });
    current = next;
  }
  return { from, transitions };
}

/** What one event changes in the figures: figure id → path (joined) → how much, never zero. */
export type FigureChanges = ReadonlyMap<string, ReadonlyMap<string, Delta>>;

/** A number of a figure, by its path in the figure's document, and how much is added to it. */
interface Delta {
  readonly path: readonly string[];
  n: number;
}

/** Adds `n` to the number at `path` among `deltas` (`joined`: the path joined, their key). */
function addTo(
  deltas: Map<string, Delta>,
  joined: string,
  path: readonly string[],
  n: number,
): void {
  const total = deltas.get(joined);
  if (total) total.n += n;
  else deltas.set(joined, { path, n });
}

/**
 * The registry projection's writes, held until its event has applied, then passed on; `flush` also
 * answers what they change in the figures: each written document's share before the event taken
 * away and its share after added, so the figures stay the sums of what the documents hold.
 */
export class FiguresTx implements ProjectionTx {
  private readonly writes = new Map<
    string,
    { collection: string; id: string; document: ReadDocument | null }
  >();

  constructor(private readonly inner: ProjectionTx) {}

  get<T extends ReadDocument>(collection: string, id: string): Promise<T | undefined> {
    const written = this.writes.get(key(collection, id));
    if (written) return Promise.resolve((written.document ?? undefined) as T | undefined);
    return this.inner.get<T>(collection, id);
  }

  put(collection: string, document: ReadDocument): void {
    this.writes.set(key(collection, document._id), { collection, id: document._id, document });
  }

  delete(collection: string, id: string): void {
    this.writes.set(key(collection, id), { collection, id, document: null });
  }

  /** Passes the event's writes on and answers what they change in the figures. */
  async flush(): Promise<FigureChanges> {
    // Removed shares count negative.
    const totals = new Map<string, Map<string, Delta>>();
    const add = (share: Share, sign: 1 | -1) => {
      let figure = totals.get(share.id);
      if (!figure) {
        figure = new Map<string, Delta>();
        totals.set(share.id, figure);
      }
      addTo(figure, share.path.join('\u0000'), share.path, sign * share.n);
    };
    for (const { collection, id, document } of this.writes.values()) {
      if (REGISTRY_COLLECTIONS.has(collection)) {
        const before = await this.inner.get(collection, id);
        const removed = before ? sharesOf(collection, before) : [];
        const added = document ? sharesOf(collection, document) : [];
        // Many writes (a report, a review's comment) leave a document's shares as they were.
        if (!sameShares(removed, added)) {
          for (const share of removed) add(share, -1);
          for (const share of added) add(share, 1);
        }
      }
      if (document) this.inner.put(collection, document);
      else this.inner.delete(collection, id);
    }
    this.writes.clear();
    for (const [id, changes] of totals) {
      for (const [path, change] of changes) if (change.n === 0) changes.delete(path);
      if (changes.size === 0) totals.delete(id);
    }
    return totals;
  }
}

/**
 * The figures' changes of a page's events, written once when the page is done rather than once per
 * event: a figure document is read, copied and written once a page. Each event's changes are kept
 * with its position, so a figure document that already reflects some of the page's events (another
 * runner committed them) gets only the changes of the events after.
 */
export class PageFigures {
  /** Figure id → the changes each of the page's events made to it, in log order. */
  private readonly figures = new Map<
    string,
    { readonly position: bigint; readonly changes: ReadonlyMap<string, Delta> }[]
  >();

  /** Keeps an applied event's changes (called once the event has applied). */
  add(position: bigint, changes: FigureChanges): void {
    for (const [id, figureChanges] of changes) {
      const events = this.figures.get(id);
      if (events) events.push({ position, changes: figureChanges });
      else this.figures.set(id, [{ position, changes: figureChanges }]);
    }
  }

  /** Writes each changed figure document, with the changes it does not reflect yet. */
  async write(tx: PageTx): Promise<void> {
    for (const [id, events] of this.figures) {
      const applied = await tx.appliedPosition(FIGURES, id);
      const unapplied = events.filter(
        ({ position }) => applied === undefined || position > applied,
      );
      if (unapplied.length === 0) continue;
      const totals = new Map<string, Delta>();
      for (const { changes } of unapplied)
        for (const [joined, change] of changes) addTo(totals, joined, change.path, change.n);
      const deltas = [...totals.values()].filter((change) => change.n !== 0);
      // Written even when the page's changes cancel out, as each event would have written it: the
      // document then exists whatever the page boundaries, and it records that it reflects them.
      const figure = (await tx.get(FIGURES, id)) ?? figureDocument(id);
      tx.put(FIGURES, withDeltas(figure, deltas) as ReadDocument);
    }
  }
}

const key = (collection: string, id: string) => `${collection}\u0000${id}`;

function figureDocument(id: string): ReadDocument {
  const [kind, month] = id.split(':');
  return month ? { _id: id, kind: kind!, month } : { _id: id };
}

/**
 * A copy of `target` with each delta's `n` added to the number at its `path`; a number that comes
 * to zero is removed, and so is an object it leaves empty, so the figures hold no empty entries.
 * `target` is left as it is: each object on a changed path is copied, once however many deltas
 * pass through it.
 */
export function withDeltas(
  target: Readonly<Record<string, unknown>>,
  deltas: readonly { readonly path: readonly string[]; readonly n: number }[],
): Record<string, unknown> {
  const root: Record<string, unknown> = { ...target };
  const copies = new Set<object>([root]);
  for (const { path, n } of deltas) {
    const trail = [root];
    let node = root;
    for (const name of path.slice(0, -1)) {
      const child = node[name];
      const copy =
        typeof child === 'object' && child !== null
          ? copies.has(child)
            ? (child as Record<string, unknown>)
            : { ...child }
          : {};
      copies.add(copy);
      node[name] = copy;
      node = copy;
      trail.push(node);
    }
    const leaf = path[path.length - 1]!;
    const value = (typeof node[leaf] === 'number' ? node[leaf] : 0) + n;
    if (value !== 0) {
      node[leaf] = value;
      continue;
    }
    delete node[leaf];
    // Up the path, each object this leaves empty goes too.
    for (let depth = path.length - 2; depth >= 0; depth--) {
      const parent = trail[depth]!;
      const name = path[depth]!;
      if (Object.keys(parent[name] as object).length > 0) break;
      delete parent[name];
    }
  }
  return root;
}
