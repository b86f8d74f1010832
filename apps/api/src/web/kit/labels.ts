import { commitmentCatalogue } from '@pact/domain';
import type { I18n, MessageKey } from '../i18n/locale';
import frenchTitles from '../i18n/commitments.fr.json';

const FRENCH_TITLES: Record<string, string> = frenchTitles;

/** A commitment's title in the page's language (the catalogue's own in English). */
export function commitmentTitle(i18n: I18n, code: string): string {
  const entry = commitmentCatalogue.find(code);
  if (i18n.locale === 'fr' && FRENCH_TITLES[code]) return FRENCH_TITLES[code];
  return entry?.title ?? code;
}

/** A coded value's label (`size.medium`, `sector.J`, ...), or the code itself when none is known. */
export function label(i18n: I18n, prefix: string, code: string | undefined | null): string {
  if (code === undefined || code === null || code === '') return '—';
  const key = `${prefix}.${code}` as MessageKey;
  const text = i18n.t(key);
  return text === undefined || text === key ? code : text;
}

/** An AI Act provision as the page's language names it (`Annex III` is `Annexe III` in French). */
export function provisionLabel(i18n: I18n, id: string): string {
  return id.replace(/^Annex /, `${i18n.t('pledge.annex')} `);
}
