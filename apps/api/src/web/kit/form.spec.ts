import { kept, keptTick, refusedForm } from './form';

describe('a refused form', () => {
  const body = { summary: 'x', roles: ['provider'], 'contact-email': 'nope' };
  const errors = [
    { field: 'summary', beside: 'This field is required.' },
    { field: 'summary', beside: 'This field must be text.' },
    { field: 'summary', beside: 'This field is required.' },
    { field: 'roles[0]', beside: 'This field is not one of the choices.' },
    { field: 'contact.email', beside: 'This field must be an e-mail address.' },
  ];
  const form = refusedForm(body, errors, (path) =>
    path === 'contact.email'
      ? 'contact-email'
      : path.startsWith('roles')
        ? 'roles'
        : path === 'summary'
          ? path
          : undefined,
  );

  it("names the form's field for each error, in order, and says each problem once beside it", () => {
    expect(form.names).toEqual(['summary', 'summary', 'summary', 'roles', 'contact-email']);
    expect(Object.fromEntries(form.invalid)).toEqual({
      summary: 'This field is required. This field must be text.',
      roles: 'This field is not one of the choices.',
      'contact-email': 'This field must be an e-mail address.',
    });
  });

  it('gives a text field its value as sent and its message; a field not named, neither mark nor message', () => {
    expect(kept(form, 'summary')).toEqual({
      value: 'x',
      invalid: true,
      error: 'This field is required. This field must be text.',
    });
    expect(kept(form, 'title')).toEqual({ value: '', invalid: false });
    expect(kept(undefined, 'status', 'planned')).toEqual({ value: 'planned', invalid: false });
  });

  it("marks a checkbox of a refused group, its message left to the group's", () => {
    expect(keptTick(form, 'roles', 'provider')).toEqual({ checked: true, invalid: true });
    expect(keptTick(form, 'roles', 'deployer')).toEqual({ checked: false, invalid: true });
  });

  it('leaves out errors the form has no field for', () => {
    const unnamed = refusedForm(
      body,
      [{ field: 'other', beside: 'This field is not valid.' }],
      () => undefined,
    );
    expect(unnamed.names).toEqual([undefined]);
    expect(unnamed.invalid.size).toBe(0);
  });
});
