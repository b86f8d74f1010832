import { EmbeddedReadStore, type ReadDocument } from '@pact/read-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchTx } from '../runner/batch-tx';
import { FIGURES, PageFigures, type FigureChanges } from './registry-figures';

/** One event's change to one number of one figure. */
const change = (id: string, path: string[], n: number): FigureChanges =>
  new Map([[id, new Map([[path.join('\u0000'), { path, n }]])]]);

describe('a page of figure changes', () => {
  let dir: string;
  let store: EmbeddedReadStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pact-figures-'));
    store = new EmbeddedReadStore(join(dir, 'read.db'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Writes the page as the runner does: as its last event, then committed with the checkpoint. */
  const commitPage = async (page: PageFigures, last: bigint) => {
    const tx = new BatchTx(store, '');
    tx.beginEvent(last);
    await page.write(tx);
    await tx.keepEvent();
    await store.commit('registry', tx.changes, last);
  };
  const figure = (id: string) => store.findById<ReadDocument>(FIGURES, id);

  it('sums its events into each figure once, creating the figures it is the first to change', async () => {
    const page = new PageFigures();
    page.add(1n, change('uptake', ['status', 'signed'], 1));
    page.add(2n, change('uptake', ['status', 'signed'], 1));
    page.add(3n, change('signatures:2026-01', ['signed'], 1));
    page.add(4n, change('uptake', ['status', 'signed'], -1));
    await commitPage(page, 4n);
    expect(await figure('uptake')).toEqual({ _id: 'uptake', status: { signed: 1 } });
    expect(await figure('signatures:2026-01')).toEqual({
      _id: 'signatures:2026-01',
      kind: 'signatures',
      month: '2026-01',
      signed: 1,
    });
  });

  it('keeps a figure its events changed even when the changes cancel out, as event by event', async () => {
    const page = new PageFigures();
    page.add(1n, change('transitions:2026-03', ['days', '2026-03-02', 'due'], 1));
    page.add(2n, change('transitions:2026-03', ['days', '2026-03-02', 'due'], -1));
    await commitPage(page, 2n);
    expect(await figure('transitions:2026-03')).toEqual({
      _id: 'transitions:2026-03',
      kind: 'transitions',
      month: '2026-03',
    });
  });

  it('adds to a figure only the changes of the events it does not reflect yet', async () => {
    const first = new PageFigures();
    first.add(5n, change('uptake', ['organisations'], 1));
    first.add(10n, change('uptake', ['organisations'], 1));
    await commitPage(first, 10n);
    // A page that starts before the figure's last write: its events up to 10 are in the figure.
    const again = new PageFigures();
    again.add(8n, change('uptake', ['organisations'], 1));
    again.add(10n, change('uptake', ['organisations'], 1));
    again.add(12n, change('uptake', ['organisations'], 1));
    await commitPage(again, 12n);
    expect(await figure('uptake')).toEqual({ _id: 'uptake', organisations: 3 });
    // A page the figure reflects entirely leaves it as it is.
    const old = new PageFigures();
    old.add(11n, change('uptake', ['organisations'], 1));
    await commitPage(old, 11n);
    expect(await figure('uptake')).toEqual({ _id: 'uptake', organisations: 3 });
  });
});
