import {
  ACTION_STATUSES,
  commitmentCatalogue,
  IMPLEMENTATION_LEVELS,
  type ActivePledge,
  type Role,
} from '@pact/domain';
import type { I18n } from '../i18n/locale';
import {
  button,
  checkbox,
  fieldMessage,
  formSecrets,
  select,
  textArea,
  textInput,
} from '../kit/fields';
import { kept, keptTick, type RefusedForm } from '../kit/form';
import { html, type Html } from '../kit/html';
import { commitmentTitle, label } from '../kit/labels';
import { newSubmissionId } from '../kit/page-commands';

/** A form in its own labelled section: heading, fields, and a submit button of the same name. */
function formSection(
  id: string,
  title: string,
  intent: string,
  csrf: string,
  fields: Html,
  intro?: string,
): Html {
  // The form is named by its heading, except where that name would also match a field's label
  // (getByLabel('Commitment') must find the milestone form's field, not the "Add commitment" form).
  const named = id !== 'add';
  return html`<section class="pact-form">
    <h2 id="${id}-heading">${title}</h2>
    ${intro ? html`<p>${intro}</p>` : ''}
    <form method="post" action="/workspace" ${named ? html`aria-labelledby="${id}-heading"` : ''}>
      ${formSecrets(csrf, newSubmissionId())}
      <input type="hidden" name="intent" value="${intent}" />
      ${fields} ${button(title)}
    </form>
  </section>`;
}

const statusOptions = (i18n: I18n) =>
  ACTION_STATUSES.map((s) => ({ value: s, label: label(i18n, 'actionStatus', s) }));

/** A commitment's first action, in a group named by the commitment's title. */
function actionFields(
  i18n: I18n,
  code: string,
  required: boolean,
  refused: RefusedForm | undefined,
): Html {
  const { t } = i18n;
  const name = (part: string) => `action.${code}.${part}`;
  return html`${textInput({ id: `sign-${code}-description`, name: name('description'), label: t('workspace.actionDescriptionPlain'), required, ...kept(refused, name('description')) })}
  ${select({ id: `sign-${code}-status`, name: name('status'), label: t('workspace.actionStatusPlain'), options: statusOptions(i18n), ...kept(refused, name('status'), 'planned') })}
  ${textInput({ id: `sign-${code}-target`, name: name('targetDate'), label: t('workspace.actionTargetPlain'), type: 'date', required, ...kept(refused, name('targetDate')) })}`;
}

/**
 * The workspace's forms each take `refused`: the body of that very form when it was just refused,
 * so that it shows again with what was sent beside the reasons, nothing lost.
 */
export function signPledgeForm(
  i18n: I18n,
  csrf: string,
  roles: readonly Role[],
  refused?: RefusedForm,
): Html {
  const { t } = i18n;
  const core = commitmentCatalogue.entries.filter((e) => e.tier === 'core');
  const additional = commitmentCatalogue.entries.filter(
    (e) => e.tier === 'additional' && roles.includes(e.role as Role),
  );
  return formSection(
    'sign',
    t('workspace.sign'),
    'sign',
    csrf,
    html`<fieldset>
        <legend>${t('workspace.signatory')}</legend>
        ${textInput({ id: 'signatory-name', name: 'signatoryName', label: t('workspace.signatoryName'), required: true, autocomplete: 'name', ...kept(refused, 'signatoryName') })}
        ${textInput({ id: 'signatory-position', name: 'signatoryPosition', label: t('workspace.signatoryPosition'), required: true, autocomplete: 'organization-title', ...kept(refused, 'signatoryPosition') })}
      </fieldset>
      <fieldset>
        <legend>${t('workspace.coreCommitments')}</legend>
        ${core.map(
          (entry) =>
            html`<fieldset class="pact-commitment">
              <legend>${commitmentTitle(i18n, entry.code)}</legend>
              ${checkbox({ id: `core-${entry.code}`, name: 'commitmentShown', value: entry.code, label: commitmentTitle(i18n, entry.code), checked: true, disabled: true })}
              <input type="hidden" name="commitments" value="${entry.code}" />
              ${actionFields(i18n, entry.code, true, refused)}
            </fieldset>`,
        )}
      </fieldset>
      <fieldset>
        <legend>${t('workspace.additionalCommitments')}</legend>
        <p>${t('workspace.additionalHelp')}</p>
        ${fieldMessage(refused, 'commitments')}
        ${additional.map(
          (entry) =>
            html`<fieldset class="pact-commitment">
              <legend>${commitmentTitle(i18n, entry.code)}</legend>
              ${checkbox({ id: `extra-${entry.code}`, name: 'commitments', value: entry.code, label: commitmentTitle(i18n, entry.code), ...keptTick(refused, 'commitments', entry.code) })}
              ${actionFields(i18n, entry.code, false, refused)}
            </fieldset>`,
        )}
      </fieldset>`,
    t('workspace.signIntro'),
  );
}

/** Whether the refusal names an action update: their list opens to show it. */
const updateRefused = (refused: RefusedForm | undefined) =>
  [...(refused?.invalid.keys() ?? [])].some((name) => name.startsWith('update.'));

export function reportMilestoneForm(
  i18n: I18n,
  csrf: string,
  pledge: ActivePledge,
  refused?: RefusedForm,
): Html {
  const { t } = i18n;
  return formSection(
    'report',
    t('workspace.report'),
    'report',
    csrf,
    html`${select({ id: 'report-commitment', name: 'commitmentCode', label: t('workspace.commitment'), required: true, options: pledge.commitments.map((c) => ({ value: c.code, label: commitmentTitle(i18n, c.code) })), ...kept(refused, 'commitmentCode') })}
      ${textArea({ id: 'report-summary', name: 'summary', label: t('workspace.summary'), required: true, ...kept(refused, 'summary') })}
      <details ${updateRefused(refused) ? html`open` : ''}>
        <summary>${t('workspace.actionUpdates')}</summary>
        <p>${t('workspace.actionUpdatesHelp')}</p>
        ${pledge.commitments.flatMap((c) =>
          c.actions.map((action) =>
            select({
              id: `update-${action.actionId}`,
              name: `update.${action.actionId}`,
              label: `${commitmentTitle(i18n, c.code)}: ${action.description}`,
              options: statusOptions(i18n),
              empty: t('workspace.noChange'),
              ...kept(refused, `update.${action.actionId}`),
            }),
          ),
        )}
      </details>
      ${textArea({ id: 'report-evidence', name: 'evidenceUrls', label: t('workspace.evidence'), help: t('workspace.evidenceHelp'), rows: 2, ...kept(refused, 'evidenceUrls') })}`,
  );
}

export function addCommitmentForm(
  i18n: I18n,
  csrf: string,
  pledge: ActivePledge,
  roles: readonly Role[],
  refused?: RefusedForm,
): Html | string {
  const { t } = i18n;
  const held = new Set(pledge.commitments.map((c) => c.code));
  const open = commitmentCatalogue.entries.filter(
    (e) => e.tier === 'additional' && roles.includes(e.role as Role) && !held.has(e.code),
  );
  if (open.length === 0) return '';
  return formSection(
    'add',
    t('workspace.add'),
    'add-commitment',
    csrf,
    html`${select({ id: 'add-code', name: 'code', label: t('workspace.newObjective'), required: true, options: open.map((e) => ({ value: e.code, label: commitmentTitle(i18n, e.code) })), ...kept(refused, 'code') })}
    ${textInput({ id: 'add-description', name: 'description', label: t('workspace.actionDescriptionPlain'), required: true, ...kept(refused, 'description') })}
    ${select({ id: 'add-status', name: 'status', label: t('workspace.actionStatusPlain'), options: statusOptions(i18n), ...kept(refused, 'status', 'planned') })}
    ${textInput({ id: 'add-target', name: 'targetDate', label: t('workspace.actionTargetPlain'), type: 'date', required: true, ...kept(refused, 'targetDate') })}`,
  );
}

export function sharePracticeForm(i18n: I18n, csrf: string, refused?: RefusedForm): Html {
  const { t } = i18n;
  return formSection(
    'practice',
    t('workspace.share'),
    'share-practice',
    csrf,
    html`${textInput({ id: 'practice-title', name: 'title', label: t('practice.title'), required: true, ...kept(refused, 'title') })}
    ${textArea({ id: 'practice-summary', name: 'summary', label: t('practice.abstract'), required: true, rows: 2, ...kept(refused, 'summary') })}
    ${textArea({ id: 'practice-body', name: 'body', label: t('practice.fullText'), required: true, rows: 6, ...kept(refused, 'body') })}
    ${textInput({ id: 'practice-category', name: 'category', label: t('practice.category'), required: true, ...kept(refused, 'category') })}
    ${select({ id: 'practice-level', name: 'implementationLevel', label: t('practice.level'), options: IMPLEMENTATION_LEVELS.map((l) => ({ value: l, label: label(i18n, 'level', l) })), ...kept(refused, 'implementationLevel') })}
    ${textInput({ id: 'practice-tags', name: 'tags', label: t('practice.tags'), help: t('practice.tagsHelp'), ...kept(refused, 'tags') })}
    ${select({
      id: 'practice-language',
      name: 'language',
      label: t('practice.language'),
      options: [
        { value: 'en', label: 'English' },
        { value: 'fr', label: 'Français' },
        { value: 'de', label: 'Deutsch' },
      ],
      ...kept(refused, 'language', i18n.locale),
    })}
    ${fieldMessage(refused, 'publicationConsent')}
    ${checkbox({ id: 'practice-consent', name: 'publicationConsent', value: 'yes', label: t('practice.consent'), ...keptTick(refused, 'publicationConsent', 'yes') })}`,
  );
}

export function withdrawForm(i18n: I18n, csrf: string, refused?: RefusedForm): Html {
  const { t } = i18n;
  return formSection(
    'withdraw',
    t('workspace.withdraw'),
    'withdraw',
    csrf,
    html`${textArea({ id: 'withdraw-reason', name: 'reason', label: t('workspace.reason'), required: true, rows: 2, ...kept(refused, 'reason') })}
    ${fieldMessage(refused, 'confirm')}
    ${checkbox({ id: 'withdraw-confirm', name: 'confirm', value: 'yes', label: t('workspace.confirmWithdraw'), required: true, ...keptTick(refused, 'confirm', 'yes') })}`,
    t('workspace.withdrawIntro'),
  );
}
