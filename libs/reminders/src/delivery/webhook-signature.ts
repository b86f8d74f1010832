import type { ReportingPromptSent, TimelineChangeNoticed } from '@pact/domain';
import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a prompt delivery says, on every channel. */
export interface PromptBody {
  readonly type: 'reporting-prompt';
  readonly promptId: string;
  readonly organisationId: string;
  readonly pledgeId: string;
  readonly cycle: number;
  readonly stage: 'upcoming' | 'due' | 'overdue';
  readonly dueAt: string;
  readonly sentAt: string;
}

/** The webhook body of api.md, in a fixed key order: these exact bytes are signed and sent. */
export function webhookBody(
  prompt: ReportingPromptSent['data'] & { readonly organisationId: string },
): string {
  const body: PromptBody = {
    type: 'reporting-prompt',
    promptId: prompt.promptId,
    organisationId: prompt.organisationId,
    pledgeId: prompt.pledgeId,
    cycle: prompt.cycle,
    stage: prompt.stage,
    dueAt: prompt.dueAt,
    sentAt: prompt.sentAt,
  };
  return JSON.stringify(body);
}

/** What a timeline notice says, on every channel: the dates that moved and the actions concerned. */
export interface TimelineNoticeBody {
  readonly type: 'timeline-changed';
  readonly noticeId: string;
  readonly organisationId: string;
  readonly pledgeId: string;
  readonly timelineVersion: string;
  readonly previousVersion: string;
  readonly changes: TimelineChangeNoticed['data']['changes'];
  readonly actions: TimelineChangeNoticed['data']['actions'];
  readonly sentAt: string;
}

/** Every body a delivery carries. */
export type DeliveryBody = PromptBody | TimelineNoticeBody;

/** The webhook body of a timeline notice, in a fixed key order. */
export function timelineNoticeBody(
  notice: TimelineChangeNoticed['data'] & { readonly organisationId: string },
): string {
  const body: TimelineNoticeBody = {
    type: 'timeline-changed',
    noticeId: notice.noticeId,
    organisationId: notice.organisationId,
    pledgeId: notice.pledgeId,
    timelineVersion: notice.timelineVersion,
    previousVersion: notice.previousVersion,
    changes: notice.changes.map(({ provision, from, to }) => ({ provision, from, to })),
    actions: notice.actions.map(({ commitmentCode, actionId, targetDate, before, after }) => ({
      commitmentCode,
      actionId,
      targetDate,
      before: { appliesFrom: before.appliesFrom, afterApplication: before.afterApplication },
      after: { appliesFrom: after.appliesFrom, afterApplication: after.afterApplication },
    })),
    sentAt: notice.noticedAt,
  };
  return JSON.stringify(body);
}

/** `sha256=<hex HMAC-SHA256 of the raw body>`, keyed with the organisation's webhook secret. */
export function signWebhook(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** What a receiver does: recompute the signature over the raw body and compare in constant time. */
export function verifyWebhookSignature(body: string, secret: string, header: string): boolean {
  const expected = Buffer.from(signWebhook(body, secret));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
