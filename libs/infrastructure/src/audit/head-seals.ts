import type { EventStore, StreamHead } from '@pact/event-store';
import type Database from 'better-sqlite3';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { SecretBox } from '../secrets/secret-box';

export interface Seal {
  readonly id: number;
  readonly position: string;
  readonly sealedAt: string;
  readonly streams: number;
  /** sha256 over every stream head, sorted by stream. */
  readonly root: string;
}

interface SealRow {
  id: number;
  position: number;
  sealed_at: string;
  streams: number;
  root: string;
  mac: string;
}

interface HeadRow {
  stream_id: string;
  revision: number;
  hash: string;
}

/**
 * Periodic seals of every stream's head. A per-stream hash chain cannot show that its tail was cut;
 * the sealed head can. Each seal covers the log up to a position, its heads hash to a root, and the
 * root is authenticated with a key derived from the master secret, which lives outside the database.
 */
export class HeadSeals {
  private readonly macKey: Buffer;
  private readonly statements;

  constructor(
    private readonly db: Database.Database,
    secrets: SecretBox,
    private readonly events: EventStore,
  ) {
    this.macKey = secrets.derive('head-seal');
    this.statements = {
      latest: db.prepare<[], SealRow>('SELECT * FROM seals ORDER BY id DESC LIMIT 1'),
      head: db.prepare<[string], HeadRow>('SELECT * FROM seal_heads WHERE stream_id = ?'),
      heads: db.prepare<[], HeadRow>('SELECT * FROM seal_heads ORDER BY stream_id'),
      upsertHead: db.prepare(
        `INSERT INTO seal_heads (stream_id, revision, hash) VALUES (?, ?, ?)
         ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, hash = excluded.hash`,
      ),
      insert: db.prepare(
        'INSERT INTO seals (position, sealed_at, streams, root, mac) VALUES (?, ?, ?, ?, ?)',
      ),
    };
  }

  /** Seals the log as it is now: reads only what came after the previous seal. */
  async seal(now: Date): Promise<Seal> {
    const base = this.statements.latest.get();
    let position = BigInt(base?.position ?? 0);
    const changed = new Map<string, StreamHead>();
    for (;;) {
      const batch = await this.events.readAll({ after: position, maxCount: 1000 });
      if (batch.length === 0) break;
      for (const event of batch)
        changed.set(event.streamId, { revision: event.revision, hash: event.hash });
      position = batch[batch.length - 1]!.position;
    }
    const sealedAt = now.toISOString();
    return this.db
      .transaction((): Seal => {
        const latest = this.statements.latest.get();
        if (latest?.id !== base?.id)
          throw new Error('Another process sealed meanwhile; seal again');
        for (const [streamId, head] of changed)
          this.statements.upsertHead.run(streamId, head.revision, head.hash);
        const heads = this.statements.heads.all();
        const root = rootOf(heads);
        const mac = this.mac(String(position), sealedAt, heads.length, root);
        const id = Number(
          this.statements.insert.run(Number(position), sealedAt, heads.length, root, mac)
            .lastInsertRowid,
        );
        return { id, position: String(position), sealedAt, streams: heads.length, root };
      })
      .immediate();
  }

  /**
   * The latest seal, and whether it and its heads are still as sealed. Checked on every call (it reads
   * every sealed head): verification is an audit operation, and an edit must show the moment it happens.
   */
  latest(): { seal: Seal; valid: boolean } | undefined {
    const row = this.statements.latest.get();
    if (!row) return undefined;
    const seal = {
      id: row.id,
      position: String(row.position),
      sealedAt: row.sealed_at,
      streams: row.streams,
      root: row.root,
    };
    const heads = this.statements.heads.all();
    const expected = Buffer.from(
      this.mac(seal.position, seal.sealedAt, seal.streams, seal.root),
      'hex',
    );
    const stored = Buffer.from(row.mac, 'hex');
    const macValid = expected.length === stored.length && timingSafeEqual(expected, stored);
    return { seal, valid: macValid && heads.length === row.streams && rootOf(heads) === row.root };
  }

  /** The sealed head of one stream, if the stream existed at the latest seal. */
  head(streamId: string): StreamHead | undefined {
    const row = this.statements.head.get(streamId);
    return row ? { revision: row.revision, hash: row.hash } : undefined;
  }

  heads(): Map<string, StreamHead> {
    return new Map(
      this.statements.heads
        .all()
        .map((row) => [row.stream_id, { revision: row.revision, hash: row.hash }]),
    );
  }

  private mac(position: string, sealedAt: string, streams: number, root: string): string {
    return createHmac('sha256', this.macKey)
      .update(`${position}\n${sealedAt}\n${streams}\n${root}`)
      .digest('hex');
  }
}

function rootOf(heads: readonly HeadRow[]): string {
  const hash = createHash('sha256');
  for (const head of heads) hash.update(`${head.stream_id} ${head.revision} ${head.hash}\n`);
  return hash.digest('hex');
}
