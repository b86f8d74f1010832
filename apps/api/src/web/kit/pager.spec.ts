import { i18n } from '../i18n/locale';
import { pager } from './pager';

describe('a paged list’s navigation', () => {
  const page = (offset: number, total: number) => ({
    items: Array.from({ length: 50 }, (_, i) => offset + i),
    total,
    offset,
    more: offset + 50 < total,
    after: ['x'],
  });
  const nav = (locale: 'en' | 'fr', offset: number, total: number) =>
    String(
      pager(
        { i18n: i18n(locale), csrf: '', url: '/registry?country=FR&cursor=old' },
        { country: 'FR', cursor: 'old' },
        page(offset, total),
        'signedAt',
      ),
    );

  it('writes where the page stands in the list with the language’s digit grouping', () => {
    expect(nav('en', 1_200, 100_000)).toContain('Showing 1,201 to 1,250 of 100,000');
    // French groups digits with a narrow no-break space.
    expect(nav('fr', 1_200, 100_000)).toContain('1\u202f201 à 1\u202f250 sur 100\u202f000');
  });

  it('links to the previous and next pages, keeping the query but not the old cursor', () => {
    const links = [...nav('en', 50, 200).matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    // Back to the first page: no cursor at all. On to the third: a new one.
    expect(links[0]).toBe('/registry?country=FR');
    expect(links[1]).toMatch(/^\/registry\?country=FR&amp;cursor=(?!old)[^&]+$/);
    expect(links).toHaveLength(2);
  });

  it('shows nothing for a list that fits on one page', () => {
    expect(nav('en', 0, 50)).toBe('');
  });
});
