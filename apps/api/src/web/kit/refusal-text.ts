import type { FieldErrorCode, RefusalCode } from '@pact/domain';
import type { Problem } from '../../http/problem';
import { en, type I18n, type MessageKey } from '../i18n/locale';

/** Every domain refusal and field error code has its sentence (French must hold every English key). */
type Untranslated = Exclude<`refusal.${RefusalCode}` | `field.${FieldErrorCode}`, MessageKey>;
const everyCodeTranslated: [Untranslated] extends [never] ? true : Untranslated = true;
void everyCodeTranslated;

const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(en, key);

/**
 * A refusal as the page's language says it, never in the API's English: the sentence for its code,
 * else for its status; each field error as the field's path and the sentence for its code.
 */
export function refusalText(
  { t }: I18n,
  problem: Pick<Problem, 'status' | 'code' | 'errors'>,
): { text: string; details: string[] } {
  const byCode = `refusal.${problem.code ?? ''}`;
  const byStatus = `refusal.status.${problem.status}`;
  const text = t(
    problem.code && isMessageKey(byCode)
      ? byCode
      : isMessageKey(byStatus)
        ? byStatus
        : 'refusal.status.other',
  );
  const details = (problem.errors ?? []).map((error) => {
    const key = `field.${error.code ?? 'invalid'}`;
    return t('refusal.fieldLine', {
      field: error.field,
      problem: t(isMessageKey(key) ? key : 'field.invalid'),
    });
  });
  return { text, details };
}
