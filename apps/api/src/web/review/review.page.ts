import { ActOnPledgeCommand, ActOnPracticeCommand } from '@pact/commands';
import { CLOCK, type Clock, type CommandContext, type CommandResult } from '@pact/application';
import {
  findPractices,
  findRegistryPledges,
  findReviewQueue,
  type Page,
  type PledgeDocument,
} from '@pact/projections';
import { READ_STORE, type ReadStore } from '@pact/read-store';
import { Controller, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Command } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ReviewMilestoneDto } from '../../pledges/review-milestone/review-milestone.controller';
import { RejectPracticeDto } from '../../practices/reject-practice/reject-practice.controller';
import { button, rowFormsTo, textInput } from '../kit/fields';
import { field, kept, refusedHere, type RefusedForm } from '../kit/form';
import { dataTable, type Column } from '../kit/data-table';
import { html, type Html } from '../kit/html';
import { pageHeading, type PageOptions } from '../kit/layout';
import { commitmentTitle, label } from '../kit/labels';
import { PageFor, Pages } from '../kit/page-access';
import { PageCommands } from '../kit/page-commands';
import { pageContext, type PageContext } from '../kit/page-context';
import {
  afterSuccess,
  outcomeNotice,
  formRefusal,
  sendPage,
  type Outcome,
} from '../kit/page-response';
import { validated } from '../kit/validated';
import { pageRefusal } from '../kit/page-errors';
import { pager } from '../kit/pager';
import { listWindow, type ListWindow } from '../../http/list-response';
import { QueryParams } from '../../http/query-params';
import { registryOrder } from '../../registry/find-registry-pledges/registry-filters';

/** Each queue shows this many at a time, the oldest first, and pages on with a cursor of its own. */
const QUEUE_LENGTH = 100;
const QUEUES = {
  pledges: { cursor: 'pledges', order: registryOrder('signedAt'), label: 'review.pledges' },
  milestones: { cursor: 'milestones', order: 'review-queue', label: 'review.milestones' },
  practices: { cursor: 'practices', order: 'review:practices', label: 'review.practices' },
} as const;
type Queue = keyof typeof QUEUES;
type QueueWindows = Record<Queue, ListWindow>;
/** Where the queues stand: each one's cursor as the page's links gave it, and the page it names. */
interface QueuePlace {
  readonly cursors: Readonly<Record<string, string>>;
  readonly windows: QueueWindows;
}
const FIRST_PLACE: QueuePlace = {
  cursors: {},
  windows: {
    pledges: { offset: 0, limit: QUEUE_LENGTH },
    milestones: { offset: 0, limit: QUEUE_LENGTH },
    practices: { offset: 0, limit: QUEUE_LENGTH },
  },
};

/** The reviewer's queues: pledges to publish, milestones to review, practices to publish or reject. */
@Controller('review')
@Pages()
export class ReviewPage {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly commands: PageCommands,
  ) {}

  @Get()
  @PageFor('reviewer')
  async show(
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const context = pageContext(request);
    try {
      const place = queuePlace(query);
      return await this.render(
        reply,
        context,
        outcomeNotice(context, query),
        200,
        undefined,
        place,
      );
    } catch (error) {
      // A cursor this page did not give: the queues from their start, and what was refused.
      const { status, notice } = formRefusal(error, context, {
        body: query,
        labels: {
          pledges: QUEUES.pledges.label,
          milestones: QUEUES.milestones.label,
          practices: QUEUES.practices.label,
        },
      });
      return this.render(reply, context, { notice }, status);
    }
  }

  @Post()
  @PageFor('reviewer')
  async submit(
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    // The form was posted from where the queues stood; the reviewer comes back there.
    let place = FIRST_PLACE;
    try {
      place = queuePlace(query);
    } catch {
      // A place this page did not give: back to the queues' start.
    }
    try {
      const { outcome, revision } = await this.decide(request);
      return afterSuccess('/review', outcome, revision, place.cursors);
    } catch (error) {
      const { status, notice, form } = formRefusal(error, pageContext(request), {
        body: request.body,
        labels: { comment: 'review.comment', reason: 'review.reason' },
      });
      return this.render(reply, pageContext(request), { notice }, status, form, place);
    }
  }

  private async decide(request: FastifyRequest): Promise<{ outcome: Outcome; revision: number }> {
    const body = request.body;
    const intent = field(body, 'intent');
    const pledgeId = field(body, 'pledgeId');
    const practiceId = field(body, 'practiceId');
    const run = (build: (context: CommandContext) => Command<CommandResult>) =>
      this.commands.submit(request, build);
    switch (intent) {
      case 'publish-pledge': {
        const r = await run(
          (context) =>
            new ActOnPledgeCommand(
              pledgeId,
              { type: 'PublishPledge', data: { publishedAt: context.now.toISOString() } },
              context,
            ),
        );
        return { outcome: 'pledgePublished', revision: r.revision };
      }
      case 'accepted':
      case 'clarification-requested': {
        const dto = await validated(ReviewMilestoneDto, {
          outcome: intent,
          comment: field(body, 'comment'),
        });
        const milestoneId = field(body, 'milestoneId');
        const r = await run(
          (context) =>
            new ActOnPledgeCommand(
              pledgeId,
              {
                type: 'ReviewMilestone',
                data: {
                  milestoneId,
                  outcome: dto.outcome,
                  comment: dto.comment,
                  reviewedAt: context.now.toISOString(),
                },
              },
              context,
            ),
        );
        return {
          outcome: intent === 'accepted' ? 'milestoneAccepted' : 'clarificationRequested',
          revision: r.revision,
        };
      }
      case 'publish-practice': {
        const r = await run(
          (context) =>
            new ActOnPracticeCommand(
              practiceId,
              { type: 'PublishPractice', data: { publishedAt: context.now.toISOString() } },
              context,
            ),
        );
        return { outcome: 'practicePublished', revision: r.revision };
      }
      case 'reject-practice': {
        const dto = await validated(RejectPracticeDto, { reason: field(body, 'reason') });
        const r = await run(
          (context) =>
            new ActOnPracticeCommand(
              practiceId,
              {
                type: 'RejectPractice',
                data: { reason: dto.reason, rejectedAt: context.now.toISOString() },
              },
              context,
            ),
        );
        return { outcome: 'practiceRejected', revision: r.revision };
      }
      default:
        throw pageRefusal(400, 'Unknown form', 'form-unknown');
    }
  }

  private async render(
    reply: FastifyReply,
    context: PageContext,
    extra: Pick<PageOptions, 'notice'>,
    status = 200,
    refused?: RefusedForm,
    place: QueuePlace = FIRST_PLACE,
  ) {
    const { cursors, windows } = place;
    // The row forms post back to the queues as they stand.
    const here = new URLSearchParams(cursors).toString();
    const form = rowFormsTo(here ? `/review?${here}` : '/review');
    const i18n = context.i18n;
    const { t } = i18n;
    // A refused row form shows again with what was sent: the one of this intent and this row.
    const sentTo = (intent: string, key: string, id: string) =>
      refusedHere(refused, intent, { field: key, value: id });
    const [pledges, milestones, practices] = await Promise.all([
      findRegistryPledges(this.store, {
        status: 'signed',
        sort: 'signedAt',
        publishedOnly: false,
        now: this.clock.now(),
        ...windows.pledges,
      }),
      findReviewQueue(this.store, { status: 'pending', ...windows.milestones }),
      findPractices(this.store, {
        status: 'submitted',
        publishedOnly: false,
        oldestFirst: true,
        ...windows.practices,
      }),
    ]);
    // Whose report it is: the organisation's name from the registry view of its pledge.
    const organisationNames = new Map<string, string>();
    for (const pledgeId of new Set(milestones.items.map((m) => m.pledgeId))) {
      const pledge = await this.store.findById<PledgeDocument>('pledges', pledgeId);
      if (pledge) organisationNames.set(pledgeId, pledge.organisationName);
    }
    const pledgeRows = pledges.items.map(
      (p) =>
        html`<tr>
          <td>
            <a class="ecl-link" href="/pledges/${p.pledgeId}" id="pledge-${p.pledgeId}"
              >${p.organisationName}</a
            >
          </td>
          <td>${i18n.date(p.signedAt)}</td>
          <td class="pact-num">${p.commitments.length}</td>
          <td>
            ${form(context, 'publish-pledge', { pledgeId: p.pledgeId }, button(t('review.publish')), { does: t('review.publish'), on: [`pledge-${p.pledgeId}`] })}
          </td>
        </tr>`,
    );
    const milestoneRows = milestones.items.map((m) => {
      // Who reported on what and when, then the summary: what its forms act on.
      const milestoneAbout = [`milestone-${m.milestoneId}-about`, `milestone-${m.milestoneId}`];
      return html`<tr>
        <td id="milestone-${m.milestoneId}-about">
          <a class="ecl-link" href="/pledges/${m.pledgeId}/audit"
            >${organisationNames.get(m.pledgeId) ?? m.pledgeId}</a
          ><br />${commitmentTitle(i18n, m.commitmentCode)}<br />${i18n.date(m.reportedAt)} ·
          ${t('pledge.cycle')} ${m.cycle}
        </td>
        <td id="milestone-${m.milestoneId}">${m.summary}</td>
        <td>
          ${form(context, 'accepted', { pledgeId: m.pledgeId, milestoneId: m.milestoneId }, html`<input type="hidden" name="comment" value="" />${button(t('review.accept'))}`, { does: t('review.accept'), on: milestoneAbout })}
          ${form(
            context,
            'clarification-requested',
            { pledgeId: m.pledgeId, milestoneId: m.milestoneId },
            html`${textInput({ id: `comment-${m.milestoneId}`, name: 'comment', label: t('review.comment'), required: true, ...kept(sentTo('clarification-requested', 'milestoneId', m.milestoneId), 'comment') })}${button(t('review.clarify'), 'secondary')}`,
            { does: t('review.clarify'), on: milestoneAbout },
          )}
        </td>
      </tr>`;
    });
    const practiceRows = practices.items.map(
      (p) =>
        html`<tr>
          <td id="practice-${p.practiceId}-about">
            <a
              class="ecl-link"
              href="/practices/${p.practiceId}"
              id="practice-${p.practiceId}"
              lang="${p.language}"
              >${p.title}</a
            ><br />${
              p.organisationName === undefined ? '' : html`${p.organisationName}<br />`
            }${label(i18n, 'level', p.implementationLevel)}
          </td>
          <td>${p.publicationConsent ? t('review.consentGiven') : t('review.noConsent')}</td>
          <td>
            ${
              // Without its owner's consent a practice cannot be published: only rejected.
              p.publicationConsent
                ? form(
                    context,
                    'publish-practice',
                    { practiceId: p.practiceId },
                    button(t('review.publish')),
                    { does: t('review.publish'), on: [`practice-${p.practiceId}-about`] },
                  )
                : ''
            }
            ${form(
              context,
              'reject-practice',
              { practiceId: p.practiceId },
              html`${textInput({ id: `reason-${p.practiceId}`, name: 'reason', label: t('review.reason'), required: true, ...kept(sentTo('reject-practice', 'practiceId', p.practiceId), 'reason') })}${button(t('review.reject'), 'secondary')}`,
              { does: t('review.reject'), on: [`practice-${p.practiceId}-about`] },
            )}
          </td>
        </tr>`,
    );
    const table = (
      queue: Queue,
      heads: Column[],
      rows: Html[],
      empty: string,
      page: Page<unknown>,
    ) => {
      const { cursor, order, label } = QUEUES[queue];
      if (rows.length === 0 && page.offset === 0) return html`<p>${empty}</p>`;
      return html`${
        rows.length === 0
          ? // A later page whose rows were all decided meanwhile.
            html`<p>${t('review.pageDecided')}</p>`
          : dataTable({ caption: t(label), columns: heads, rows })
      }
      ${pager(context, cursors, page, order, {
        limit: QUEUE_LENGTH,
        cursor,
        label: t('review.pagesOf', { list: t(label) }),
      })}`;
    };
    return sendPage(
      reply,
      context,
      {
        title: t('review.title'),
        ...extra,
        body: html`${pageHeading(t('review.title'))}
          <h2>${t('review.pledges')} (${i18n.number(pledges.total)})</h2>
          ${table('pledges', [t('registry.organisation'), t('registry.signedAt'), { heading: t('registry.commitments'), numeric: true }, t('review.decision')], pledgeRows, t('review.noPledges'), pledges)}
          <h2>${t('review.milestones')} (${i18n.number(milestones.total)})</h2>
          ${table('milestones', [`${t('registry.organisation')} · ${t('registry.commitment')}`, t('pledge.summary'), t('review.decision')], milestoneRows, t('review.noMilestones'), milestones)}
          <h2>${t('review.practices')} (${i18n.number(practices.total)})</h2>
          ${table('practices', [t('practice.title'), t('review.consent'), t('review.decision')], practiceRows, t('review.noPractices'), practices)}`,
      },
      status,
    );
  }
}

/** Where each queue's page starts: its own cursor, from the page's links (a 400 if it gave none such). */
function queuePlace(query: Record<string, unknown>): QueuePlace {
  const names = Object.keys(QUEUES);
  const params = QueryParams.among(query, names);
  const window = (queue: Queue) =>
    listWindow(params, QUEUES[queue].order, {
      cursor: QUEUES[queue].cursor,
      limit: QUEUE_LENGTH,
    });
  const windows = {
    pledges: window('pledges'),
    milestones: window('milestones'),
    practices: window('practices'),
  };
  params.done();
  const cursors: Record<string, string> = {};
  for (const name of names) if (typeof query[name] === 'string') cursors[name] = query[name];
  return { cursors, windows };
}
