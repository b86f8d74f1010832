import fc from 'fast-check';
import { redactDeep, redactEveryPattern, redactText } from './redaction';

describe('log redaction', () => {
  it('removes e-mail addresses (plain or URL-encoded), API keys, webhook secrets and credentials', () => {
    const key = `pact_${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}_${'A'.repeat(43)}`;
    expect(
      redactText(
        `mail ada@acme.example or ada%40acme.example with ${key}, whsec_abc-DEF and Bearer xyz`,
      ),
    ).toBe(
      `mail [email] or [email] with pact_${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}_[redacted], whsec_[redacted] and Bearer [redacted]`,
    );
  });

  it("leaves a text with none of the patterns' markers as it is, and redacts the rest as every pattern does", () => {
    const pieces = fc.constantFrom(
      'a',
      ' ',
      '/',
      ':',
      '@',
      '%40',
      'pact_',
      '0123abcd-0000-0000-0000-000000000000_',
      'A'.repeat(43),
      'whsec_',
      'Bearer ',
      'basic ',
      '//',
      'ada.example',
      '.org',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string()), { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(redactText(text)).toBe(redactEveryPattern(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('removes credentials from connection URLs', () => {
    expect(redactText('Redis redis://:s3cret@cache:6379 and mongodb://app:pw@db/pact')).toBe(
      'Redis redis://[redacted]@cache:6379 and mongodb://[redacted]@db/pact',
    );
  });

  it('walks records, and drops credential-named fields whatever they hold', () => {
    expect(
      redactDeep({
        headers: { authorization: 'Bearer x', accept: 'application/json' },
        contact: { email: 'ada@acme.example' },
        webhookSecret: 'anything',
        list: ['grace@navy.example'],
      }),
    ).toEqual({
      headers: { authorization: '[redacted]', accept: 'application/json' },
      contact: { email: '[email]' },
      webhookSecret: '[redacted]',
      list: ['[email]'],
    });
  });
});
