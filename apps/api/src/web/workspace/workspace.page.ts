import {
  APP_CONFIG,
  CLOCK,
  currentPledge,
  currentTimeline,
  load,
  type AppConfig,
  type Clock,
} from '@pact/application';
import { organisationDecider, organisationStream, type ActivePledge } from '@pact/domain';
import { EVENT_STORE, type EventStore } from '@pact/event-store';
import { findNotices, findPractices, findPrompts } from '@pact/projections';
import { READ_STORE, type ReadStore } from '@pact/read-store';
import { Controller, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { pledgeView } from '../../pledges/get-pledge/pledge.view';
import { field, refusedHere, type RefusedForm } from '../kit/form';
import { dataTable } from '../kit/data-table';
import { html } from '../kit/html';
import { pageHeading, type PageOptions } from '../kit/layout';
import { label, provisionLabel } from '../kit/labels';
import { PageFor, Pages } from '../kit/page-access';
import { PageCommands } from '../kit/page-commands';
import { pageContext, sessionOf, type PageContext } from '../kit/page-context';
import { PageRefused } from '../kit/page-errors';
import { afterSuccess, outcomeNotice, formRefusal, sendPage } from '../kit/page-response';
import { pledgeCommitments, pledgeFacts } from '../pledge/pledge-sections';
import { runWorkspaceForm, WORKSPACE_FIELD_LABELS, workspaceFieldName } from './workspace-commands';
import {
  addCommitmentForm,
  reportMilestoneForm,
  sharePracticeForm,
  signPledgeForm,
  withdrawForm,
} from './workspace-forms';

/** The participant's workspace: the pledge, its reporting, the prompts received, and every form. */
@Controller('workspace')
@Pages()
export class WorkspacePage {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly commands: PageCommands,
  ) {}

  @Get()
  @PageFor('participant')
  async show(
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const context = pageContext(request);
    return this.render(reply, context, request, outcomeNotice(context, query));
  }

  @Post()
  @PageFor('participant')
  async submit(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const organisationId = this.organisationOf(request);
    const current = await currentPledge(this.store, organisationId);
    try {
      const { outcome, revision } = await runWorkspaceForm(
        this.commands,
        request,
        organisationId,
        current?.pledge,
      );
      return afterSuccess('/workspace', outcome, revision);
    } catch (error) {
      const { status, notice, form } = formRefusal(error, pageContext(request), {
        body: request.body,
        labels: WORKSPACE_FIELD_LABELS[field(request.body, 'intent')],
        nameOf: workspaceFieldName,
      });
      return this.render(reply, pageContext(request), request, { notice }, status, form);
    }
  }

  private organisationOf(request: FastifyRequest): string {
    const organisationId = sessionOf(request).organisationId;
    if (!organisationId) throw new PageRefused(403, 'forbidden');
    return organisationId;
  }

  private async render(
    reply: FastifyReply,
    context: PageContext,
    request: FastifyRequest,
    extra: Pick<PageOptions, 'notice'>,
    status = 200,
    refused?: RefusedForm,
  ) {
    const organisationId = this.organisationOf(request);
    const { i18n, csrf } = context;
    const { t } = i18n;
    const organisation = await load(
      this.store,
      organisationDecider,
      organisationStream(organisationId),
    );
    if (organisation.state.status !== 'registered') throw new PageRefused(404, 'notFound');
    const roles = organisation.state.roles;
    const current = await currentPledge(this.store, organisationId);
    const live: ActivePledge | undefined =
      current && current.pledge.status !== 'withdrawn' ? current.pledge : undefined;
    const [prompts, notices, practices] = await Promise.all([
      findPrompts(this.readStore, organisationId, { offset: 0, limit: 20 }),
      findNotices(this.readStore, organisationId, { offset: 0, limit: 20 }),
      findPractices(this.readStore, { organisationId, publishedOnly: false, offset: 0, limit: 50 }),
    ]);
    const view =
      live && current
        ? pledgeView(live, current.revision, {
            includePersonalData: true,
            reporting: this.config.reporting,
            now: this.clock.now(),
            timeline: await currentTimeline(this.store, this.config.aiActTimelineBase),
          })
        : undefined;
    const pledgeSection = view
      ? html`<section aria-labelledby="pledge-heading">
          <h2 id="pledge-heading">${t('workspace.pledge')}</h2>
          ${pledgeFacts(i18n, view)}
          <p class="pact-actions">
            <a class="ecl-link ecl-link--standalone" href="/pledges/${view.pledgeId}"
              >${t('workspace.publicPage')}</a
            >
            <a class="ecl-link ecl-link--standalone" href="/pledges/${view.pledgeId}/audit"
              >${t('audit.title')}</a
            >
            <span>${t('workspace.revision', { revision: view.revision })}</span>
          </p>
          <details>
            <summary>
              ${t('workspace.commitmentsDetail', { count: view.commitments.length })}
            </summary>
            ${pledgeCommitments(i18n, view, 3)}
          </details>
        </section>`
      : html`<p>${t(current ? 'workspace.withdrawnPledge' : 'workspace.noPledge')}</p>`;
    const inbox = html`<section aria-labelledby="prompts-heading">
      <h2 id="prompts-heading">${t('workspace.prompts')}</h2>
      ${
        view
          ? html`<p>
              ${t('workspace.currentCycle', { cycle: view.reporting.cycle, due: i18n.date(view.reporting.dueAt), status: label(i18n, 'reporting', view.reporting.status) })}
            </p>`
          : ''
      }
      ${
        prompts.items.length === 0
          ? html`<p>${t('workspace.noPrompts')}</p>`
          : dataTable({
              caption: t('workspace.prompts'),
              columns: [
                t('workspace.sentAt'),
                { heading: t('pledge.cycle'), numeric: true },
                t('workspace.stage'),
                t('workspace.dueAt'),
              ],
              rows: prompts.items.map(
                (p) =>
                  html`<tr>
                    <td>${i18n.dateTime(p.sentAt)}</td>
                    <td class="pact-num">${p.cycle}</td>
                    <td>${label(i18n, 'stage', p.stage)}</td>
                    <td>${i18n.date(p.dueAt)}</td>
                  </tr>`,
              ),
            })
      }
      ${
        notices.items.length === 0
          ? ''
          : html`<h3 id="notices-heading">${t('workspace.notices')}</h3>
              <ul aria-labelledby="notices-heading">
                ${notices.items.map(
                  (n) =>
                    html`<li>
                      ${i18n.dateTime(n.sentAt)}:
                      ${t('workspace.notice', {
                        version: n.timelineVersion,
                        changes: n.changes
                          .map(
                            (c) =>
                              `${provisionLabel(i18n, c.provision)} ${i18n.date(c.from ?? undefined)} → ${i18n.date(c.to)}`,
                          )
                          .join('; '),
                        late: i18n.number(n.actions.filter((a) => a.after.afterApplication).length),
                      })}
                    </li>`,
                )}
              </ul>`
      }
    </section>`;
    const practiceList = html`<section aria-labelledby="practices-heading">
      <h2 id="practices-heading">${t('workspace.practices')}</h2>
      ${
        practices.items.length === 0
          ? html`<p>${t('workspace.noPractices')}</p>`
          : html`<ul>
              ${practices.items.map(
                (p) =>
                  html`<li>
                    <a class="ecl-link" href="/practices/${p.practiceId}" lang="${p.language}"
                      >${p.title}</a
                    >
                    (${label(i18n, 'practiceStatus', p.status)})
                  </li>`,
              )}
            </ul>`
      }
    </section>`;
    // The refused form shows again with what was sent; the others fresh.
    const sentTo = (intent: string) => refusedHere(refused, intent);
    const forms = live
      ? html`${reportMilestoneForm(i18n, csrf, live, sentTo('report'))}${addCommitmentForm(i18n, csrf, live, roles, sentTo('add-commitment'))}${sharePracticeForm(i18n, csrf, sentTo('share-practice'))}${withdrawForm(i18n, csrf, sentTo('withdraw'))}`
      : html`${signPledgeForm(i18n, csrf, roles, sentTo('sign'))}${sharePracticeForm(i18n, csrf, sentTo('share-practice'))}`;
    return sendPage(
      reply,
      context,
      {
        title: t('workspace.title'),
        ...extra,
        body: html`${pageHeading(t('workspace.title'))}
          <p class="ecl-u-type-paragraph-l">${organisation.state.name}</p>
          ${pledgeSection} ${inbox} ${forms} ${practiceList}`,
      },
      status,
    );
  }
}
