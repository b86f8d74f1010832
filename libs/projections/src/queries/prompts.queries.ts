import type { ReadStore } from '@pact/read-store';
import { findPage, pick, type Page, type PageWindow } from './page';

export interface PromptItem {
  promptId: string;
  pledgeId: string;
  cycle: number;
  stage: string;
  dueAt: string;
  sentAt: string;
}

/** A prompt's fields, in the order lists and CSV exports give them. */
export const PROMPT_FIELDS = [
  'promptId',
  'pledgeId',
  'cycle',
  'stage',
  'dueAt',
  'sentAt',
] as const satisfies readonly (keyof PromptItem)[];

/** An organisation's reporting prompts (its inbox), newest first. */
export function findPrompts(
  store: ReadStore,
  organisationId: string,
  window: PageWindow,
): Promise<Page<PromptItem>> {
  return findPage<PromptItem>(store, 'prompts', {
    match: { organisationId },
    sort: { sentAt: -1 },
    ...window,
    shape: (document) => pick<PromptItem>(document, PROMPT_FIELDS),
  });
}
