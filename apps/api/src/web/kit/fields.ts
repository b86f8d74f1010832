import { errorAnchor, type RefusedForm } from './form';
import { html, type Html } from './html';
import { newSubmissionId } from './page-commands';

/** Form controls in the Europa Component Library's markup, each with its label. */

interface Control {
  readonly id: string;
  readonly name: string;
  readonly label: string;
  readonly help?: string;
  readonly required?: boolean;
  /** Named by a refusal: marked invalid, for assistive technology (`aria-invalid`) and the eye. */
  readonly invalid?: boolean;
  /** What the refusal says of it, shown beside it (a checkbox's is shown for its group). */
  readonly error?: string;
}

const helpFor = (control: Control) =>
  control.help
    ? html`<div class="ecl-help-block" id="${control.id}-help">${control.help}</div>`
    : '';

/** ECL's feedback message, between the label (and help) and the control, as its design has it. */
const feedback = (name: string, error: string) =>
  html`<div class="ecl-feedback-message" id="${errorAnchor(name)}">${error}</div>`;

/**
 * The attributes every control carries: its id and name, whether it is required, and when a
 * refusal names it, `aria-invalid`; its help and the refusal's message are read out with it.
 */
function attributes(control: Control, describedByError = control.error !== undefined): Html {
  const describedBy = [
    ...(control.help ? [`${control.id}-help`] : []),
    ...(describedByError ? [errorAnchor(control.name)] : []),
  ];
  return html`id="${control.id}" name="${control.name}" ${control.required ? html`required` : ''}
  ${control.invalid ? html`aria-invalid="true"` : ''}
  ${describedBy.length > 0 ? html`aria-describedby="${describedBy.join(' ')}"` : ''}`;
}

/** A text control in its ECL form group: label, help, the refusal's message, then the control. */
const formGroup = (control: Control, field: Html) =>
  html`<div class="ecl-form-group">
    <label class="ecl-form-label" for="${control.id}">${control.label}</label>
    ${helpFor(control)} ${control.error === undefined ? '' : feedback(control.name, control.error)}
    ${field}
  </div>`;

/** ECL's invalid style for a control of this class, when a refusal names it. */
const styled = (control: Control, base: string) =>
  control.invalid ? `${base} ${base}--invalid` : base;

/**
 * What a refusal says of a field shown elsewhere than beside a text control: a group of checkboxes
 * (under its legend) or a single one (above it); nothing when the refusal does not name it.
 */
export function fieldMessage(form: RefusedForm | undefined, name: string): Html | '' {
  const error = form?.invalid.get(name);
  return error === undefined ? '' : feedback(name, error);
}

export function textInput(
  control: Control & { value?: string; type?: string; autocomplete?: string; maxLength?: number },
): Html {
  return formGroup(
    control,
    html`<input
      class="${styled(control, 'ecl-text-input')}"
      type="${control.type ?? 'text'}"
      ${attributes(control)}
      value="${control.value ?? ''}"
      ${control.autocomplete ? html`autocomplete="${control.autocomplete}"` : ''}
      ${control.maxLength ? html`maxlength="${control.maxLength}"` : ''}
    />`,
  );
}

export function textArea(control: Control & { value?: string; rows?: number }): Html {
  return formGroup(
    control,
    html`<textarea
      class="${styled(control, 'ecl-text-area')}"
      ${attributes(control)}
      rows="${control.rows ?? 4}"
    >
${control.value ?? ''}</textarea>`,
  );
}

export function select(
  control: Control & {
    options: readonly { value: string; label: string }[];
    value?: string;
    /** The label of an empty first option ("any"), when the field may be left unset. */
    empty?: string;
  },
): Html {
  return formGroup(
    control,
    html`<div class="${styled(control, 'ecl-select__container')} ecl-select__container--m">
      <select class="ecl-select" ${attributes(control)}>
        ${control.empty !== undefined ? html`<option value="">${control.empty}</option>` : ''}
        ${control.options.map(
          (option) =>
            html`<option
              value="${option.value}"
              ${option.value === control.value ? html`selected` : ''}
            >
              ${option.label}
            </option>`,
        )}
      </select>
    </div>`,
  );
}

export function checkbox(
  control: Control & { value: string; checked?: boolean; disabled?: boolean },
): Html {
  // A native checkbox: ECL's drawn box needs its icon sprite, which the preset does not ship.
  return html`<div class="pact-checkbox">
    <input
      type="checkbox"
      ${attributes(control, control.invalid)}
      value="${control.value}"
      ${control.checked ? html`checked` : ''}
      ${control.disabled ? html`disabled` : ''}
    />
    <label class="ecl-form-label" for="${control.id}">${control.label}</label>
    ${helpFor(control)}
  </div>`;
}

/** The hidden fields every state-changing form carries: its CSRF token and its submission id. */
export function formSecrets(csrf: string, submission?: string): Html {
  return html`<input type="hidden" name="_csrf" value="${csrf}" />${
      submission ? html`<input type="hidden" name="_submission" value="${submission}" />` : ''
    }`;
}

export function button(
  label: string,
  kind: 'primary' | 'secondary' = 'primary',
  name?: string,
  value?: string,
): Html {
  return html`<button
    type="submit"
    class="ecl-button ecl-button--${kind}"
    ${name ? html`name="${name}" value="${value ?? ''}"` : ''}
  >
    ${label}
  </button>`;
}

/**
 * How a row form is named: what it does (its button's words) and the ids of the row's elements that
 * say what it acts on. A row with two forms (accept, request clarification) names each its own, so
 * no two forms of a page share a name.
 */
export interface RowFormName {
  readonly does: string;
  readonly on: readonly string[];
}

/**
 * A small state-changing form of a list row (publish, accept, revoke, retry): posts its intent and
 * hidden values to the page's own route, named by what it does and the row it acts on.
 */
function rowForm(options: {
  readonly action: string;
  readonly csrf: string;
  readonly intent: string;
  readonly hidden: Readonly<Record<string, string>>;
  readonly name: RowFormName;
  readonly content: Html;
}): Html {
  const doesId = `${options.intent}-${options.name.on[0]}`;
  return html`<form
    method="post"
    action="${options.action}"
    class="pact-inline-form"
    aria-labelledby="${[doesId, ...options.name.on].join(' ')}"
  >
    <span id="${doesId}" hidden>${options.name.does}</span>
    ${formSecrets(options.csrf, newSubmissionId())}
    <input type="hidden" name="intent" value="${options.intent}" />
    ${Object.entries(options.hidden).map(
      ([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`,
    )}
    ${options.content}
  </form>`;
}

/** A page's row forms, each posting to `action` with the visitor's CSRF token. */
export function rowFormsTo(action: string) {
  return (
    context: { readonly csrf: string },
    intent: string,
    hidden: Readonly<Record<string, string>>,
    content: Html,
    name: RowFormName,
  ): Html => rowForm({ action, csrf: context.csrf, intent, hidden, name, content });
}
