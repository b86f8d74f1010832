import { dataTable } from './data-table';
import { escapeHtml, html, trusted, type Html } from './html';
import type { I18n } from '../i18n/locale';

export interface Bar {
  readonly label: string;
  readonly value: number;
  /** The machine-readable date or month the label names, when it names one. */
  readonly datetime?: string;
}

const WIDTH = 640;
const LABEL_WIDTH = 220;
const ROW = 26;

/**
 * A horizontal bar chart drawn on the server as SVG (no script), with its figures in a table right
 * under it: the table is what screen readers and copy-paste use.
 */
export function barChart(
  i18n: I18n,
  id: string,
  caption: string,
  bars: readonly Bar[],
  valueHeading: string,
): Html {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = Math.max(ROW, bars.length * ROW) + 4;
  const scale = (WIDTH - LABEL_WIDTH - 60) / max;
  const rows = bars
    .map((bar, i) => {
      const y = i * ROW + 2;
      const w = Math.max(bar.value > 0 ? 2 : 0, Math.round(bar.value * scale));
      const text = bar.label.length > 30 ? `${bar.label.slice(0, 29)}…` : bar.label;
      return (
        `<text x="${LABEL_WIDTH - 8}" y="${y + 17}" text-anchor="end" font-size="13" fill="#262b38">${escapeHtml(text)}</text>` +
        `<rect x="${LABEL_WIDTH}" y="${y + 4}" width="${w}" height="${ROW - 8}" fill="#004494"></rect>` +
        `<text x="${LABEL_WIDTH + w + 6}" y="${y + 17}" font-size="13" fill="#262b38">${escapeHtml(i18n.number(bar.value))}</text>`
      );
    })
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="${id}-caption" focusable="false">${rows}</svg>`;
  return html`<figure class="pact-chart" id="${id}">
    <figcaption id="${id}-caption">${caption}</figcaption>
    ${bars.length === 0 ? html`<p>${i18n.t('analytics.noData')}</p>` : trusted(svg)}
    ${dataTable({
      caption,
      columns: [i18n.t('analytics.category'), { heading: valueHeading, numeric: true }],
      rows: bars.map(
        (b) =>
          html`<tr>
            <th scope="row">
              ${b.datetime ? html`<time datetime="${b.datetime}">${b.label}</time>` : b.label}
            </th>
            <td class="pact-num">${i18n.number(b.value)}</td>
          </tr>`,
      ),
    })}
  </figure>`;
}
