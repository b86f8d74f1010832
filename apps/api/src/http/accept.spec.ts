import { prefers } from './accept';

describe('content negotiation between JSON and another type', () => {
  it.each([
    ['text/csv', true],
    ['TEXT/CSV', true],
    ['text/csv; charset=utf-8', true],
    ['text/csv, */*;q=0.1', true],
    ['text/csv, application/json', true],
    ['text/csv;q=0.9, application/json;q=0.5', true],
    ['*/*, text/csv', true],
    ['application/json, text/csv', false],
    ['application/json, text/csv;q=0.5', false],
    ['text/csv;q=0', false],
    ['text/*', false],
    ['*/*', false],
    ['application/json', false],
    ['', false],
  ])('Accept: %s → CSV %s', (accept, csv) => expect(prefers(accept, 'text/csv')).toBe(csv));

  it('reads no header as JSON, and a broken quality as zero', () => {
    expect(prefers(undefined, 'text/csv')).toBe(false);
    expect(prefers('text/csv;q=abc', 'text/csv')).toBe(false);
    expect(prefers('application/x-ndjson, application/json;q=0.5', 'application/x-ndjson')).toBe(
      true,
    );
  });
});
