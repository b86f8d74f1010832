import type { FieldErrorCode, RefusalCode } from '@pact/domain';
import type { Problem } from '../../http/problem';
import { en, type I18n, type MessageKey } from '../i18n/locale';
import { withoutIndexes } from './form';
import type { PageRefusalCode } from './page-errors';

/** Every refusal and field error code has its sentence (French must hold every English key). */
type Untranslated = Exclude<
  `refusal.${RefusalCode | PageRefusalCode}` | `field.${FieldErrorCode}`,
  MessageKey
>;
const everyCodeTranslated: [Untranslated] extends [never] ? true : Untranslated = true;
void everyCodeTranslated;

const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(en, key);

/**
 * A form's field labels by the path of the field in the command's body, indexes left out
 * (`commitments.actions.targetDate`): a field error names the field as the form does.
 */
export type FieldLabels = Readonly<Partial<Record<string, MessageKey>>>;

/** The form's label for a field error's path, with the entry's number for a path into a list. */
function fieldName({ t }: I18n, path: string, labels: FieldLabels): string {
  const label = labels[withoutIndexes(path)];
  if (!label) return path;
  const index = /\[(\d+)\]/.exec(path);
  return index ? `${t(label)} (${Number(index[1]) + 1})` : t(label);
}

/** One field error as the page says it: beside its field (`problem`) and in the list at the top (`line`). */
export interface FieldRefusal {
  /** The field's path in the command (`contact.email`, `commitments[3].actions[0].targetDate`). */
  readonly field: string;
  /** What is wrong with it, shown beside the field ("This field must not be blank."). */
  readonly beside: string;
  /** The same after the field's label, in the list at the top ("Email: must not be blank"). */
  readonly line: string;
}

/**
 * A refusal as the page's language says it, never in the API's English: the sentence for its code,
 * else for its status; each field error as the field's label on the form (its path when the form
 * has none for it) and the sentence for its code.
 */
export function refusalText(
  i18n: I18n,
  problem: Pick<Problem, 'status' | 'code' | 'errors'>,
  labels: FieldLabels = {},
): { text: string; details: string[]; fields: FieldRefusal[] } {
  const { t } = i18n;
  const byCode = `refusal.${problem.code ?? ''}`;
  const byStatus = `refusal.status.${problem.status}`;
  const text = t(
    problem.code && isMessageKey(byCode)
      ? byCode
      : isMessageKey(byStatus)
        ? byStatus
        : 'refusal.status.other',
  );
  const fields = (problem.errors ?? []).map((error): FieldRefusal => {
    const key = `field.${error.code ?? 'invalid'}`;
    const said = t(
      isMessageKey(key) ? key : 'field.invalid',
      error.limit === undefined ? undefined : { limit: i18n.number(error.limit) },
    );
    return {
      field: error.field,
      beside: t('refusal.fieldBeside', { problem: said }),
      line: t('refusal.fieldLine', {
        field: fieldName(i18n, error.field, labels),
        problem: said,
      }),
    };
  });
  return { text, details: fields.map((f) => f.line), fields };
}
