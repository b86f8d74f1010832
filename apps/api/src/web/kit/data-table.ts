import { html, type Html } from './html';

/** A column's heading; numeric columns are right-aligned, as their cells are (`pact-num`). */
export type Column = string | { readonly heading: string; readonly numeric?: boolean };

export interface DataTable {
  /** What the table holds: read out by screen readers, shown when `showCaption` is set. */
  readonly caption: string;
  readonly showCaption?: boolean;
  /** Its headings; `false` leaves a column out (one shown to some readers only). */
  readonly columns: readonly (Column | false)[];
  /** Its rows, each a `<tr>`. */
  readonly rows: Html | readonly Html[];
  /** The id of the text that explains the table. */
  readonly describedBy?: string;
}

/** A table of the design system, scrolling sideways on narrow screens, with column headings. */
export function dataTable(table: DataTable): Html {
  const headings = table.columns.filter((column) => column !== false).map(heading);
  const describedBy = table.describedBy ? html` aria-describedby="${table.describedBy}"` : '';
  const hidden = table.showCaption ? '' : html` class="ecl-u-sr-only"`;
  return html`<div class="pact-table-wrap">
    <table class="ecl-table pact-table"${describedBy}>
      <caption${hidden}>
        ${table.caption}
      </caption>
      <thead>
        <tr>
          ${headings}
        </tr>
      </thead>
      <tbody>
        ${table.rows}
      </tbody>
    </table>
  </div>`;
}

function heading(column: Column): Html {
  return typeof column === 'string'
    ? html`<th scope="col">${column}</th>`
    : html`<th scope="col" ${column.numeric ? html` class="pact-num"` : ''}>${column.heading}</th>`;
}
