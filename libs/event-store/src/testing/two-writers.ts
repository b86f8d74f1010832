import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';

/**
 * One fresh SQLite log opened twice, as two processes open it: `store` for what is under test,
 * `other` for a writer beside it. `close` closes both and removes the file.
 */
export class TwoWriters {
  private readonly dir = mkdtempSync(join(tmpdir(), 'pact-two-writers-'));
  readonly store = new SqliteEventStore({ filename: join(this.dir, 'events.db') });
  readonly other = new SqliteEventStore({ filename: join(this.dir, 'events.db') });

  async close(): Promise<void> {
    await this.store.close();
    await this.other.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
