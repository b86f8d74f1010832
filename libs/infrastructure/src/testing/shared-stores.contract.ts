import { randomUUID } from 'node:crypto';
import type { ApiKeyStore } from '../api-keys/api-key.store';
import type { IdempotencyStore } from '../idempotency/idempotency.store';
import type { WebhookSecretStore } from '../api-keys/webhook-secret.store';
import type { PersonalDataKeys } from '../personal-data/personal-data-keys';
import { SealRace, type SealRecords } from '../audit/seal-records';
import { PersonalDataVault } from '../personal-data/personal-data-vault';
import type { SecretBox } from '../secrets/secret-box';

export interface SharedStoresSubject {
  readonly keys: ApiKeyStore;
  readonly idempotency: IdempotencyStore;
  readonly webhookSecrets: WebhookSecretStore;
  readonly personalDataKeys: PersonalDataKeys;
  readonly sealRecords: SealRecords;
  /** The master secret's box the stores seal with. */
  readonly box: SecretBox;
  /** Everything the adapter stored, as text: the test searches it for secrets. */
  dump(): Promise<string>;
  cleanup(): Promise<void>;
}

/**
 * What API key, idempotency and webhook secret stores must do, whatever holds them. Principals and keys are unique
 * per test, so a shared server works.
 */
export function describeSharedStoresContract(
  name: string,
  open: () => Promise<SharedStoresSubject>,
): void {
  describe(`API key and idempotency stores: ${name}`, () => {
    let subject: SharedStoresSubject;
    beforeEach(async () => (subject = await open()));
    afterEach(() => subject.cleanup());
    const t0 = new Date('2026-01-01T00:00:00Z');
    const hours = (n: number) => new Date(t0.getTime() + n * 3600 * 1000);

    it('keeps each organisation’s webhook secret sealed, answers it in clear, and replaces it on create', async () => {
      const organisationId = randomUUID();
      expect(await subject.webhookSecrets.find(organisationId)).toBeUndefined();
      const first = await subject.webhookSecrets.create(organisationId);
      expect(first).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
      expect(await subject.webhookSecrets.find(organisationId)).toBe(first);
      expect(await subject.dump()).not.toContain(first.slice('whsec_'.length));
      const second = await subject.webhookSecrets.create(organisationId);
      expect(second).not.toBe(first);
      expect(await subject.webhookSecrets.find(organisationId)).toBe(second);
      expect(await subject.webhookSecrets.find(randomUUID())).toBeUndefined();
    });

    it('keeps one personal-data key per subject, even when created concurrently, and destroys it', async () => {
      const keys = subject.personalDataKeys;
      const subjectId = randomUUID();
      expect(await keys.find(subjectId)).toBeUndefined();
      const created = await Promise.all(
        ['sealed-a', 'sealed-b', 'sealed-c'].map((sealed) =>
          keys.createIfAbsent(subjectId, sealed),
        ),
      );
      expect(new Set(created).size).toBe(1);
      expect(await keys.find(subjectId)).toBe(created[0]);
      await keys.remove(subjectId);
      expect(await keys.find(subjectId)).toBeUndefined();
    });

    it('seals personal data under the subject’s key, and makes it unreadable once erased', async () => {
      const vault = new PersonalDataVault(subject.personalDataKeys, subject.box);
      const subjectId = randomUUID();
      const contact = { name: 'Ada Lovelace', email: 'ada@example.org' };
      const [one, two] = await Promise.all([
        vault.seal(subjectId, contact),
        vault.seal(subjectId, contact),
      ]);
      expect(JSON.stringify(one)).not.toContain('Ada');
      expect(await vault.open(subjectId, one)).toEqual(contact);
      expect(await vault.open(subjectId, two)).toEqual(contact);
      await vault.erase(subjectId);
      expect(await vault.open(subjectId, one)).toBeUndefined();
      expect(await subject.dump()).not.toContain('Ada');
    });

    it('records seals with the heads they cover, and refuses a seal made from a stale one', async () => {
      const records = subject.sealRecords;
      const a = `pledge-${randomUUID()}`;
      const b = `pledge-${randomUUID()}`;
      const base = await records.latest();
      const make = (position: string) => (heads: readonly { streamId: string }[]) => ({
        position,
        sealedAt: '2026-11-30T10:00:00.000Z',
        streams: heads.length,
        root: heads.map((h) => h.streamId).join(','),
        mac: 'm',
      });
      const first = await records.commit(
        base?.id,
        new Map([
          [b, { revision: 0, hash: 'hb0' }],
          [a, { revision: 1, hash: 'ha1' }],
        ]),
        make('10'),
      );
      expect(await records.latest()).toEqual(first);
      expect(await records.head(a)).toEqual({ revision: 1, hash: 'ha1' });
      const heads = (await records.heads()).filter((h) => h.streamId === a || h.streamId === b);
      expect(heads.map((h) => h.streamId)).toEqual([a, b].sort());
      await expect(
        records.commit(base?.id, new Map([[a, { revision: 9, hash: 'x' }]]), make('11')),
      ).rejects.toBeInstanceOf(SealRace);
      expect(await records.head(a)).toEqual({ revision: 1, hash: 'ha1' });
      const second = await records.commit(
        first.id,
        new Map([[a, { revision: 2, hash: 'ha2' }]]),
        make('12'),
      );
      expect(second.id).toBeGreaterThan(first.id);
      expect(await records.head(a)).toEqual({ revision: 2, hash: 'ha2' });
      expect((await records.latest())?.position).toBe('12');
    });

    it('claims, replays, refuses another body, and forgets after 24 hours', async () => {
      const store = subject.idempotency;
      const [p1, p2] = [randomUUID(), randomUUID()];
      expect(await store.claim(p1, 'abc', 'f1', t0)).toEqual({ kind: 'claimed' });
      expect(await store.claim(p1, 'abc', 'f1', t0)).toEqual({ kind: 'in-progress' });
      await store.complete(p1, 'abc', { status: 201, body: { key: 'secret-value' }, headers: {} });
      expect(await store.claim(p1, 'abc', 'f1', t0)).toEqual({
        kind: 'replay',
        response: { status: 201, body: { key: 'secret-value' }, headers: {} },
      });
      expect(await store.claim(p1, 'abc', 'f2', t0)).toEqual({ kind: 'mismatch' });
      expect(await store.claim(p2, 'abc', 'f2', t0)).toEqual({ kind: 'claimed' });
      expect(await store.claim(p1, 'abc', 'f2', new Date(hours(24).getTime() + 1))).toEqual({
        kind: 'claimed',
      });
      expect(await subject.dump()).not.toContain('secret-value');
    });

    it('lets one of many concurrent claims of a key win', async () => {
      const principal = randomUUID();
      const claims = await Promise.all(
        Array.from({ length: 10 }, () => subject.idempotency.claim(principal, 'k', 'f', t0)),
      );
      expect(claims.filter((c) => c.kind === 'claimed')).toHaveLength(1);
      expect(claims.filter((c) => c.kind === 'in-progress')).toHaveLength(9);
    });

    it('releases a claim whose request failed, so a retry runs again', async () => {
      const principal = randomUUID();
      await subject.idempotency.claim(principal, 'k', 'f', t0);
      await subject.idempotency.release(principal, 'k');
      expect(await subject.idempotency.claim(principal, 'k', 'f', t0)).toEqual({ kind: 'claimed' });
    });

    it('purges records past their 24 hour window and keeps the rest', async () => {
      const principal = randomUUID();
      await subject.idempotency.claim(principal, 'old', 'f', t0);
      await subject.idempotency.claim(principal, 'new', 'f', hours(20));
      expect(await subject.idempotency.purgeExpired(hours(25))).toBeGreaterThanOrEqual(1);
      expect(await subject.idempotency.claim(principal, 'new', 'f', hours(25))).toEqual({
        kind: 'in-progress',
      });
      expect(await subject.idempotency.claim(principal, 'old', 'f', hours(25))).toEqual({
        kind: 'claimed',
      });
    });

    it('lists the most recent keys first, active ones by id, never their secrets', async () => {
      const keys = subject.keys;
      const label = `recent-${randomUUID()}`;
      const older = await keys.issue({ role: 'analyst', label }, hours(1));
      const newer = await keys.issue(
        { role: 'reviewer', label, expiresAt: hours(3).toISOString() },
        hours(2),
      );
      const listed = (await keys.list({}, { offset: 0, limit: 1000 })).items.filter(
        (record) => record.label === label,
      );
      expect(listed.map((record) => record.id)).toEqual([newer.record.id, older.record.id]);
      expect(JSON.stringify(listed)).not.toContain(newer.key.slice(-43));
      expect(await keys.active(older.record.id, hours(2))).toEqual(older.record);
      expect(await keys.active(newer.record.id, hours(4))).toBeUndefined();
      await keys.revoke(older.record.id, hours(2));
      expect(await keys.active(older.record.id, hours(2))).toBeUndefined();
    });

    it("finds a key by its id and an organisation's keys by the organisation's, newest first", async () => {
      const keys = subject.keys;
      const organisationId = randomUUID();
      const first = await keys.issue({ role: 'participant', organisationId, label: 'a' }, hours(1));
      const stranger = await keys.issue({ role: 'analyst', label: 'b' }, hours(2));
      const second = await keys.issue(
        { role: 'participant', organisationId, label: 'c' },
        hours(3),
      );
      await keys.revoke(first.record.id, hours(4));
      const search = async (id: string, limit: number) =>
        (await keys.list({ keyOrOrganisation: id }, { offset: 0, limit })).items;
      const found = await search(organisationId, 10);
      expect(found.map((record) => record.id)).toEqual([second.record.id, first.record.id]);
      // Revoked keys are listed too, with when.
      expect(found[1]!.revokedAt).toBe(hours(4).toISOString());
      expect(JSON.stringify(found)).not.toContain(second.key.slice(-43));
      expect(await search(organisationId, 1)).toEqual([found[0]]);
      expect(await search(stranger.record.id, 10)).toEqual([stranger.record]);
      expect(await search(randomUUID(), 10)).toEqual([]);
    });

    it("pages an organisation's or a role's keys newest first, by cursor or offset, with their total", async () => {
      const keys = subject.keys;
      const organisationId = randomUUID();
      // Five keys, two of them issued in the same instant (the id orders those).
      const issued = [];
      for (const at of [1, 2, 2, 3, 4])
        issued.push(
          (await keys.issue({ role: 'participant', organisationId, label: `k${at}` }, hours(at)))
            .record,
        );
      await keys.issue({ role: 'reviewer', label: 'not theirs' }, hours(5));
      const newestFirst = [...issued].sort((a, b) =>
        a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? 1 : -1,
      );
      const filter = { organisationId };
      const first = await keys.list(filter, { offset: 0, limit: 2 });
      expect(first).toMatchObject({ total: 5, offset: 0, more: true });
      expect(first.items).toEqual(newestFirst.slice(0, 2));
      const second = await keys.list(filter, { offset: 2, limit: 2, after: first.after });
      expect(second.items).toEqual(newestFirst.slice(2, 4));
      const last = await keys.list(filter, { offset: 4, limit: 2, after: second.after });
      expect(last).toMatchObject({ total: 5, more: false });
      expect(last.items).toEqual(newestFirst.slice(4));
      // An offset alone skips (a "previous" link).
      expect((await keys.list(filter, { offset: 3, limit: 10 })).items).toEqual(
        newestFirst.slice(3),
      );
      const byRole = await keys.list(
        { organisationId, role: 'reviewer' },
        { offset: 0, limit: 10 },
      );
      expect(byRole).toMatchObject({ items: [], total: 0, more: false });
      expect(JSON.stringify(first)).not.toContain('secretHash');
    });

    it('stores API keys hashed, refuses a wrong secret, and stops accepting a revoked key', async () => {
      const keys = subject.keys;
      const organisationId = randomUUID();
      const { record, key } = await keys.issue(
        { role: 'participant', organisationId, label: 'ci' },
        t0,
      );
      expect(await keys.authenticate(key, t0)).toMatchObject({
        id: record.id,
        role: 'participant',
        organisationId,
      });
      const tampered = key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A');
      expect(await keys.authenticate(tampered, t0)).toBeUndefined();
      expect(await keys.authenticate('pact_not-a-key', t0)).toBeUndefined();
      expect(await subject.dump()).not.toContain(key.split('_').slice(2).join('_'));
      expect(await keys.revoke(record.id, t0)).toBe(true);
      expect(await keys.revoke(record.id, hours(1))).toBe(true);
      expect(await keys.authenticate(key, t0)).toBeUndefined();
      expect(await keys.revoke(randomUUID(), t0)).toBe(false);
    });

    it('refuses a key from the instant it expires, and forgets a discarded one', async () => {
      const { record, key } = await subject.keys.issue(
        { role: 'analyst', label: 'temporary', expiresAt: '2026-01-02T00:00:00.000Z' },
        t0,
      );
      expect(await subject.keys.authenticate(key, hours(23))).toMatchObject({
        expiresAt: '2026-01-02T00:00:00.000Z',
      });
      expect(await subject.keys.authenticate(key, hours(24))).toBeUndefined();
      const other = await subject.keys.issue({ role: 'reviewer', label: 'failed command' }, t0);
      await subject.keys.discard(other.record.id);
      expect(await subject.keys.authenticate(other.key, t0)).toBeUndefined();
      expect(record.id).not.toBe(other.record.id);
    });
  });
}
