import { FIELD_ERROR_CODES, REFUSAL_CODES } from '@pact/domain';
import { i18n } from '../i18n/locale';
import { refusalText } from './refusal-text';

describe('refusalText', () => {
  const fr = i18n('fr');
  const en = i18n('en');

  it("says a domain refusal by its code, in the page's language", () => {
    expect(refusalText(fr, { status: 409, code: 'pledge-withdrawn' }).text).toBe(
      'Cet engagement est retiré.',
    );
    expect(refusalText(en, { status: 409, code: 'pledge-withdrawn' }).text).toBe(
      'This pledge is withdrawn.',
    );
  });

  it('falls back on the status, then on a general sentence, for a code it does not know', () => {
    expect(refusalText(fr, { status: 412 }).text).toBe(
      'Quelqu’un a modifié ceci entre-temps. Rechargez la page et réessayez.',
    );
    expect(refusalText(fr, { status: 409, code: 'not-a-code' }).text).toBe(
      'Ce n’est pas possible dans l’état actuel. Rechargez la page et vérifiez.',
    );
    expect(refusalText(en, { status: 418 }).text).toBe(
      'This could not be done. Reload the page and try again.',
    );
  });

  it("names each field by its path and says what is wrong by the error's code", () => {
    const { details } = refusalText(fr, {
      status: 400,
      code: 'pledge-commitments-invalid',
      errors: [
        {
          field: 'commitments[0].code',
          message: "unknown commitment code 'x'",
          code: 'commitment-unknown',
        },
        { field: 'summary', message: 'summary must be a string' },
      ],
    });
    expect(details).toEqual([
      'commitments[0].code : n’est pas un engagement du catalogue',
      'summary : n’est pas valide',
    ]);
  });

  it("names a field by the form's label when it has one, with the entry's number in a list", () => {
    const errors = [
      { field: 'summary', message: 'm', code: 'required' as const },
      { field: 'commitments[2].actions[0].targetDate', message: 'm', code: 'target-date' as const },
      { field: 'other', message: 'm' },
    ];
    const labels = {
      summary: 'workspace.summary',
      'commitments.actions.targetDate': 'workspace.actionTargetPlain',
    } as const;
    expect(refusalText(fr, { status: 400, errors }, labels).details).toEqual([
      'Résumé : est obligatoire',
      'Échéance visée (3) : doit être une date dans la plage acceptée',
      'other : n’est pas valide',
    ]);
    expect(refusalText(en, { status: 400, errors }, labels).details[0]).toBe(
      'Summary: is required',
    );
  });

  it('says the limit a text or a list goes beyond, written as the language writes numbers', () => {
    const errors = [
      { field: 'summary', message: 'm', code: 'too-long' as const, limit: 10_000 },
      { field: 'tags', message: 'm', code: 'too-many' as const, limit: 20 },
    ];
    expect(refusalText(fr, { status: 400, errors }).details).toEqual([
      'summary : doit compter au plus 10\u202f000 caractères',
      'tags : doit compter au plus 20 éléments',
    ]);
    expect(refusalText(en, { status: 400, errors }).details).toEqual([
      'summary: must be at most 10,000 characters',
      'tags: must have at most 20 entries',
    ]);
  });

  it('says beside each field what is wrong with it, its path kept to find the field', () => {
    const errors = [
      { field: 'commitments[1].actions[0].targetDate', message: 'm', code: 'required' as const },
      { field: 'summary', message: 'm', code: 'too-long' as const, limit: 10_000 },
    ];
    const said = (language: typeof fr) =>
      refusalText(language, { status: 400, errors }).fields.map(({ field, beside }) => ({
        field,
        beside,
      }));
    expect(said(fr)).toEqual([
      { field: 'commitments[1].actions[0].targetDate', beside: 'Ce champ est obligatoire.' },
      { field: 'summary', beside: 'Ce champ doit compter au plus 10\u202f000 caractères.' },
    ]);
    expect(said(en).map((f) => f.beside)).toEqual([
      'This field is required.',
      'This field must be at most 10,000 characters.',
    ]);
    // The list at the top says the same after the field's name.
    expect(refusalText(en, { status: 400, errors }).fields.map((f) => f.line)).toEqual(
      refusalText(en, { status: 400, errors }).details,
    );
  });

  it('has its own sentence in each language for every code', () => {
    for (const code of REFUSAL_CODES) {
      const french = refusalText(fr, { status: 400, code }).text;
      const english = refusalText(en, { status: 400, code }).text;
      expect([code, french]).not.toEqual([code, english]);
      expect([code, english]).not.toEqual([code, en.t('refusal.status.400')]);
    }
    for (const code of FIELD_ERROR_CODES) {
      const line = (language: typeof fr) =>
        refusalText(language, { status: 400, errors: [{ field: 'f', message: 'm', code }] })
          .details[0];
      expect([code, line(fr)]).not.toEqual([code, line(en)]);
    }
  });
});
