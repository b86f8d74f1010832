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

export interface NoticeItem {
  noticeId: string;
  type: 'timeline-changed';
  pledgeId: string;
  timelineVersion: string;
  previousVersion: string;
  changes: readonly { provision: string; from: string | null; to: string }[];
  actions: readonly {
    commitmentCode: string;
    actionId: string;
    targetDate: string;
    before: { appliesFrom: string | null; afterApplication: boolean };
    after: { appliesFrom: string | null; afterApplication: boolean };
  }[];
  sentAt: string;
}

/** A notice's fields, in the order lists give them. */
export const NOTICE_FIELDS = [
  'noticeId',
  'type',
  'pledgeId',
  'timelineVersion',
  'previousVersion',
  'changes',
  'actions',
  'sentAt',
] as const satisfies readonly (keyof NoticeItem)[];

/** The columns of a notice in CSV: the nested changes and actions stay in the JSON. */
export const NOTICE_CSV_FIELDS = [
  'noticeId',
  'type',
  'pledgeId',
  'timelineVersion',
  'previousVersion',
  'sentAt',
] as const satisfies readonly (keyof NoticeItem)[];

/** An organisation's AI Act timeline notices, newest first. */
export function findNotices(
  store: ReadStore,
  organisationId: string,
  window: PageWindow,
): Promise<Page<NoticeItem>> {
  return findPage<NoticeItem>(store, 'timeline_notices', {
    match: { organisationId },
    sort: { sentAt: -1 },
    ...window,
    shape: (document) => pick<NoticeItem>(document, NOTICE_FIELDS),
  });
}
