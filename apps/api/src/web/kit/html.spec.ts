import fc from 'fast-check';
import { escapeHtml, html, trusted } from './html';

describe('html templates', () => {
  it('escapes the five characters markup gives meaning to, and nothing else', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', ' ', 'é', '&', '<', '>', '"', "'", ';') }),
        (text) => {
          const escaped = escapeHtml(text);
          expect(escaped.replace(/&(lt|gt|quot|#39|amp);/g, '')).not.toMatch(/[&<>"']/);
          expect(
            escaped
              .replaceAll('&lt;', '<')
              .replaceAll('&gt;', '>')
              .replaceAll('&quot;', '"')
              .replaceAll('&#39;', "'")
              .replaceAll('&amp;', '&'),
          ).toBe(text);
        },
      ),
    );
  });

  it('escapes what it interpolates, lists included, unless it is markup already', () => {
    const name = '<script>alert(1)</script>';
    expect(
      html`<p title="${name}">${[name, html`<b>${1}</b>`]}${trusted('<i></i>')}${null}${false}</p>`
        .value,
    ).toBe(
      '<p title="&lt;script&gt;alert(1)&lt;/script&gt;">&lt;script&gt;alert(1)&lt;/script&gt;<b>1</b><i></i></p>',
    );
  });
});
