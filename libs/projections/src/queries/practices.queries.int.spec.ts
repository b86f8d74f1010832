import { EmbeddedReadStore } from '@pact/read-store';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPractices } from './practices.queries';

describe('practices found by their organisation’s name', () => {
  let dir: string;
  let store: EmbeddedReadStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pact-practices-q-'));
    store = new EmbeddedReadStore(join(dir, 'read.db'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const practice = (id: string, organisationId: string, title: string) => ({
    collection: 'practices',
    id,
    document: {
      _id: id,
      practiceId: id,
      organisationId,
      title,
      summary: 'A summary',
      body: 'A body',
      category: 'governance',
      implementationLevel: 'planned',
      tags: [],
      language: 'en',
      status: 'published',
      publicationConsent: true,
      sharedAt: '2026-01-01T00:00:00.000Z',
      publishedAt: '2026-01-02T00:00:00.000Z',
    },
  });

  it('finds every organisation the text names, however many match', async () => {
    // 1,200 organisations named alike: more than one page of the lookup of names.
    const organisations = Array.from({ length: 1200 }, (_, i) => {
      const id = `org-${String(i).padStart(4, '0')}`;
      return { collection: 'organisations', id, document: { _id: id, name: `Helix Labs ${i}` } };
    });
    await store.commit(
      'registry',
      [
        ...organisations,
        {
          collection: 'organisations',
          id: 'org-other',
          document: { _id: 'org-other', name: 'Other' },
        },
      ],
      1n,
    );
    await store.commit(
      'practices',
      [
        practice('p-first', 'org-0000', 'Model cards'),
        practice('p-last', 'org-1199', 'Red teaming'),
        practice('p-other', 'org-other', 'Bias audits'),
      ],
      2n,
    );
    const found = await findPractices(store, {
      q: 'HELIX LABS',
      publishedOnly: true,
      offset: 0,
      limit: 50,
    });
    expect(found.items.map((item) => [item.title, item.organisationName]).sort()).toEqual([
      ['Model cards', 'Helix Labs 0'],
      ['Red teaming', 'Helix Labs 1199'],
    ]);
    // A title still matches as before, whoever shared it.
    const byTitle = await findPractices(store, {
      q: 'bias',
      publishedOnly: true,
      offset: 0,
      limit: 50,
    });
    expect(byTitle.items.map((item) => item.practiceId)).toEqual(['p-other']);
  });
});
