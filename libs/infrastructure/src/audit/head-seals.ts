import type { EventStore, StreamHead } from '@pact/event-store';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { SecretBox } from '../secrets/secret-box';
import type { SealedHead, SealRecords } from './seal-records';

export interface Seal {
  readonly id: number;
  readonly position: string;
  readonly sealedAt: string;
  readonly streams: number;
  /** sha256 over every stream head, sorted by stream. */
  readonly root: string;
}

/**
 * Periodic seals of every stream's head. A per-stream hash chain cannot show that its tail was cut;
 * the sealed head can. Each seal covers the log up to a position, its heads hash to a root, and the
 * root is authenticated with a key derived from the master secret, which lives outside the database.
 */
export class HeadSeals {
  private readonly macKey: Buffer;

  constructor(
    private readonly records: SealRecords,
    secrets: SecretBox,
    private readonly events: EventStore,
  ) {
    this.macKey = secrets.derive('head-seal');
  }

  /** Seals the log as it is now: reads only what came after the previous seal. */
  async seal(now: Date): Promise<Seal> {
    const base = await this.records.latest();
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
    const record = await this.records.commit(base?.id, changed, (heads) => {
      const root = rootOf(heads);
      const mac = this.mac(String(position), sealedAt, heads.length, root);
      return { position: String(position), sealedAt, streams: heads.length, root, mac };
    });
    const { mac: _mac, ...seal } = record;
    return seal;
  }

  /**
   * The latest seal, and whether it and its heads are still as sealed. Checked on every call (it reads
   * every sealed head): verification is an audit operation, and an edit must show the moment it happens.
   */
  async latest(): Promise<{ seal: Seal; valid: boolean } | undefined> {
    const record = await this.records.latest();
    if (!record) return undefined;
    const { mac, ...seal } = record;
    const heads = await this.records.heads();
    const expected = Buffer.from(
      this.mac(seal.position, seal.sealedAt, seal.streams, seal.root),
      'hex',
    );
    const stored = Buffer.from(mac, 'hex');
    const macValid = expected.length === stored.length && timingSafeEqual(expected, stored);
    return {
      seal,
      valid: macValid && heads.length === seal.streams && rootOf(heads) === seal.root,
    };
  }

  /** The sealed head of one stream, if the stream existed at the latest seal. */
  head(streamId: string): Promise<StreamHead | undefined> {
    return this.records.head(streamId);
  }

  async heads(): Promise<Map<string, StreamHead>> {
    return new Map(
      (await this.records.heads()).map((head) => [
        head.streamId,
        { revision: head.revision, hash: head.hash },
      ]),
    );
  }

  private mac(position: string, sealedAt: string, streams: number, root: string): string {
    return createHmac('sha256', this.macKey)
      .update(`${position}\n${sealedAt}\n${streams}\n${root}`)
      .digest('hex');
  }
}

function rootOf(heads: readonly SealedHead[]): string {
  const hash = createHash('sha256');
  for (const head of heads) hash.update(`${head.streamId} ${head.revision} ${head.hash}\n`);
  return hash.digest('hex');
}
