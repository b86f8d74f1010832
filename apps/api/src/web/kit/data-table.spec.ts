import { dataTable } from './data-table';
import { html } from './html';

const squash = (markup: string) => markup.replace(/\s+/g, ' ').replace(/> </g, '><').trim();

describe('dataTable', () => {
  it('writes the caption for screen readers only, the headings, and the rows', () => {
    const table = dataTable({
      caption: 'Keys & roles',
      columns: ['Label', { heading: 'Uses', numeric: true }, false, 'State'],
      rows: [
        html`<tr>
          <td>a</td>
          <td>1</td>
          <td>on</td>
        </tr>`,
      ],
    });
    expect(squash(table.value)).toBe(
      squash(`<div class="pact-table-wrap">
        <table class="ecl-table pact-table">
          <caption class="ecl-u-sr-only"> Keys &amp; roles </caption>
          <thead><tr>
            <th scope="col">Label</th><th scope="col" class="pact-num">Uses</th><th scope="col">State</th>
          </tr></thead>
          <tbody><tr><td>a</td><td>1</td><td>on</td></tr></tbody>
        </table>
      </div>`),
    );
  });

  it('shows the caption when asked, and names the text that explains the table', () => {
    const table = dataTable({
      caption: 'Timeline',
      showCaption: true,
      describedBy: 'timeline-help',
      columns: ['Revision'],
      rows: html``,
    }).value;
    expect(table).toContain('aria-describedby="timeline-help"');
    expect(squash(table)).toContain('<caption> Timeline </caption>');
  });
});
