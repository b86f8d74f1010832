import type { CommandContext } from '@pact/application';
import { InvalidCommandError } from '@pact/domain';
import { SqliteEventStore } from '@pact/event-store';
import { openAppDatabase, SecretBox, SqliteApiKeyStore } from '@pact/infrastructure';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IssueApiKeyCommand, IssueApiKeyHandler } from './issue-api-key.handler';

describe('IssueApiKeyHandler: the expiry, whoever sends the command', () => {
  let dir: string;
  let events: SqliteEventStore;
  let db: ReturnType<typeof openAppDatabase>;
  let handler: IssueApiKeyHandler;
  const context = (commandId: string): CommandContext => ({
    commandId,
    actor: { keyId: 'admin', role: 'admin' },
    correlationId: 'corr',
    causationId: commandId,
    now: new Date('2026-12-01T00:00:00.000Z'),
  });
  const issue = (expiresAt: string, commandId: string) =>
    handler.execute(
      new IssueApiKeyCommand({ role: 'analyst', label: 'x', expiresAt }, context(commandId)),
    );

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pact-keys-'));
    events = new SqliteEventStore({ filename: join(dir, 'events.db') });
    db = openAppDatabase(join(dir, 'app.db'), 'NORMAL');
    handler = new IssueApiKeyHandler(
      new SqliteApiKeyStore(db, new SecretBox(randomBytes(32))),
      events,
    );
  });
  afterEach(async () => {
    await events.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses an expiry that is no ISO date or instant (400), recording nothing', async () => {
    const refused = await issue('2027-W01-1', 'c1').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(InvalidCommandError);
    expect(refused).toMatchObject({
      code: 'key-expiry-invalid',
      errors: [{ field: 'expiresAt', code: 'date' }],
    });
    expect(await events.headPosition()).toBe(0n);
  });

  it('records an instant without an offset as UTC and a date as the start of its day', async () => {
    expect((await issue('2027-01-01T10:00', 'c2')).expiresAt).toBe('2027-01-01T10:00:00.000Z');
    expect((await issue('2027-01-31', 'c3')).expiresAt).toBe('2027-01-31T00:00:00.000Z');
  });
});
