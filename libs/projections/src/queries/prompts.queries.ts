import type { ReadStore } from '@pact/read-store';
import { findPage, type Page } from './page';

export interface PromptItem {
  promptId: string;
  pledgeId: string;
  cycle: number;
  stage: string;
  dueAt: string;
  sentAt: string;
}

/** An organisation's reporting prompts (its inbox), newest first. */
export function findPrompts(
  store: ReadStore,
  organisationId: string,
  window: { offset: number; limit: number },
): Promise<Page<PromptItem>> {
  return findPage<PromptItem>(store, 'prompts', {
    match: { organisationId },
    sort: { sentAt: -1 },
    ...window,
    shape: [
      { $project: { _id: 0, promptId: 1, pledgeId: 1, cycle: 1, stage: 1, dueAt: 1, sentAt: 1 } },
    ],
  });
}
