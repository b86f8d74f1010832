import type { FastifyReply } from 'fastify';
import { toProblem } from '../../http/problem';
import type { MessageKey } from '../i18n/locale';
import { errorAnchor, refusedForm, type FormBody, type RefusedForm } from './form';
import { layout, type PageOptions } from './layout';
import type { PageContext } from './page-context';
import { PageRedirect } from './page-errors';
import { refusalText, type FieldLabels, type FieldRefusal } from './refusal-text';

export type PageOptionsNotice = NonNullable<PageOptions['notice']>;

/** Sends a rendered page. */
export function sendPage(
  reply: FastifyReply,
  context: PageContext,
  options: PageOptions,
  status = 200,
): string {
  void reply.status(status).type('text/html; charset=utf-8');
  return layout(context, options);
}

/** What a form's success says after its redirect, by `?done=`. */
export const OUTCOMES = [
  'signedIn',
  'pledgeSigned',
  'milestoneReported',
  'commitmentAdded',
  'practiceShared',
  'pledgeWithdrawn',
  'pledgePublished',
  'milestoneAccepted',
  'clarificationRequested',
  'practicePublished',
  'practiceRejected',
  'keyRevoked',
  'projectionRebuilt',
  'deliveryRetried',
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * Post/redirect/get: back to the page, saying what happened and the revision it made; `keep` are
 * the page's own parameters to come back with (where its lists stood, say).
 */
export function afterSuccess(
  path: string,
  outcome: Outcome,
  revision?: number,
  keep: Readonly<Record<string, string>> = {},
): never {
  const params = new URLSearchParams({ ...keep, done: outcome });
  if (revision !== undefined) params.set('revision', String(revision));
  throw new PageRedirect(`${path}?${params.toString()}`);
}

/** The notice for `?done=` and `?revision=` after a redirect, if any, as page options. */
export function outcomeNotice(
  context: PageContext,
  query: Record<string, unknown>,
): Pick<PageOptions, 'notice'> {
  const done = query['done'];
  if (typeof done !== 'string' || !(OUTCOMES as readonly string[]).includes(done)) return {};
  const { t } = context.i18n;
  const revision = query['revision'];
  const text = t(`done.${done as Outcome}` as MessageKey);
  return {
    notice: {
      kind: 'success',
      text:
        typeof revision === 'string' && /^\d+$/.test(revision)
          ? `${text} ${t('done.revision', { revision })}`
          : text,
    },
  };
}

/** A refusal as a page shows it: its status, its notice, and what it says of each field. */
interface Refusal {
  readonly status: number;
  readonly notice: PageOptionsNotice;
  /** The field errors, by their paths in the command: the form marks those fields. */
  readonly errors: readonly FieldRefusal[];
}

/**
 * A refused form: its problem as a notice in the page's language, and its status; or the error
 * again when it is the server's fault.
 */
function refusal(error: unknown, context: PageContext, labels: FieldLabels = {}): Refusal {
  if (error instanceof PageRedirect) throw error;
  const { problem } = toProblem(error);
  if (problem.status >= 500) throw error;
  const { text, details, fields } = refusalText(context.i18n, problem, labels);
  return { status: problem.status, notice: { kind: 'error', text, details }, errors: fields };
}

/** A refused form as its page shows it again: the status, the notice and the form as sent. */
export interface FormRefusal {
  readonly status: number;
  readonly notice: PageOptionsNotice;
  readonly form: RefusedForm;
}

/**
 * A refused form, to show again: the refusal's status and notice, whose lines link to the messages
 * beside the fields they name (the layout links only those the page shows), and the form as sent.
 * `labels` name the command's fields as the form does; `nameOf` maps an error's path in the command
 * to the form's field (see `refusedForm`).
 */
export function formRefusal(
  error: unknown,
  context: PageContext,
  sent: {
    readonly body: unknown;
    readonly labels?: FieldLabels;
    readonly nameOf?: (path: string, body: FormBody) => string | undefined;
  },
): FormRefusal {
  const { status, notice, errors } = refusal(error, context, sent.labels);
  const form = refusedForm(sent.body, errors, sent.nameOf);
  const details = errors.map((fieldError, i) => {
    const name = form.names[i];
    return name ? { text: fieldError.line, anchor: errorAnchor(name) } : fieldError.line;
  });
  return { status, notice: { ...notice, details }, form };
}
