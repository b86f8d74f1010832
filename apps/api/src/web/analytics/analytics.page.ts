import { APP_CONFIG, CLOCK, loadTimeline, type AppConfig, type Clock } from '@pact/application';
import { ORGANISATION_SIZES, previousTimeline, ROLES, timelineInForce } from '@pact/domain';
import { EVENT_STORE, type EventStore } from '@pact/event-store';
import {
  analyticsSummary,
  provisionAnalytics,
  signaturesPerPeriod,
  type ProvisionFigures,
} from '@pact/projections';
import { READ_STORE, type ReadStore } from '@pact/read-store';
import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  FIGURE_COLUMNS,
  provisionRows,
  signatureRows,
  summaryRows,
} from '../../analytics/figure-rows';
import { toCsv } from '../../http/list-response';
import type { I18n } from '../i18n/locale';
import { barChart, type Bar } from '../kit/bar-chart';
import { dataTable } from '../kit/data-table';
import { html } from '../kit/html';
import { pageHeading } from '../kit/layout';
import { commitmentTitle, label } from '../kit/labels';
import { PageFor, Pages } from '../kit/page-access';
import { pageContext } from '../kit/page-context';
import { sendPage } from '../kit/page-response';

/** Provisions some action is planned against, under either version. */
const planned = (provisions: readonly ProvisionFigures[]) =>
  provisions.filter(
    (p) =>
      p.actions.before + p.actions.after > 0 ||
      (p.previous !== null && p.previous.actions.before + p.previous.actions.after > 0),
  );

/** A breakdown's bars in the given order of its keys, else in the order of the keys themselves. */
const bars = (
  i18n: I18n,
  prefix: string | undefined,
  counts: Record<string, number>,
  order?: readonly string[],
): Bar[] =>
  Object.entries(counts)
    .sort(([a], [b]) => (order ? order.indexOf(a) - order.indexOf(b) : a.localeCompare(b)))
    .map(([key, value]) => ({
      label: prefix ? label(i18n, prefix, key) : key,
      value,
    }));

/** The analyst's dashboard, from the same read models and queries as the analytics API. */
@Controller('analytics')
@Pages()
export class AnalyticsPage {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private async figures() {
    const { state } = await loadTimeline(this.events, this.config.aiActTimelineBase);
    const [summary, signatures, provisions] = await Promise.all([
      analyticsSummary(this.store, this.clock.now()),
      signaturesPerPeriod(this.store, 'month'),
      provisionAnalytics(this.store, timelineInForce(state), previousTimeline(state)),
    ]);
    return { summary, signatures, provisions };
  }

  @Get()
  @PageFor('analyst', 'reviewer', 'admin')
  async show(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const context = pageContext(request);
    const i18n = context.i18n;
    const { t, number } = i18n;
    const { summary, signatures, provisions } = await this.figures();
    const figure = (id: string, value: number, text: string) =>
      html`<li>
        <span class="pact-figure__value" id="figure-${id}">${number(value)}</span>${text}
      </li>`;
    const reporting = summary.reporting;
    return sendPage(reply, context, {
      title: t('analytics.title'),
      body: html`${pageHeading(t('analytics.title'))}
        <p>${t('analytics.intro')}</p>
        <p class="pact-actions">
          <a class="ecl-link ecl-link--standalone" href="/analytics/export.csv"
            >${t('analytics.csv')}</a
          >
        </p>
        <h2>${t('analytics.headline')}</h2>
        <ul class="pact-figures">
          ${figure('organisations', summary.organisations, t('analytics.organisations'))}
          ${figure('signed', summary.pledges.signed, t('analytics.signed'))}
          ${figure('published', summary.pledges.published, t('analytics.published'))}
          ${figure('withdrawn', summary.pledges.withdrawn, t('analytics.withdrawn'))}
          ${figure('reported', summary.milestones.reported, t('analytics.reported'))}
          ${figure('accepted', summary.milestones.accepted, t('analytics.accepted'))}
        </ul>
        ${barChart(
          i18n,
          'signatures',
          t('analytics.signaturesPerMonth'),
          signatures.map((s) => ({
            label: i18n.month(s.period),
            datetime: s.period,
            value: s.signed,
          })),
          t('analytics.signedColumn'),
        )}
        ${barChart(
          i18n,
          'uptake',
          t('analytics.uptake'),
          summary.commitments.map((c) => ({
            label: commitmentTitle(i18n, c.code),
            value: c.pledges,
          })),
          t('analytics.pledgesColumn'),
        )}
        ${barChart(
          i18n,
          'compliance',
          t('analytics.compliance'),
          [
            { label: label(i18n, 'reporting', 'on-track'), value: reporting.onTrack },
            { label: label(i18n, 'reporting', 'due-soon'), value: reporting.dueSoon },
            { label: label(i18n, 'reporting', 'overdue'), value: reporting.overdue },
            { label: label(i18n, 'reporting', 'non-reporting'), value: reporting.nonReporting },
          ],
          t('analytics.pledgesColumn'),
        )}
        <div class="pact-grid-2">
          ${barChart(i18n, 'by-country', t('analytics.byCountry'), bars(i18n, undefined, summary.byCountry), t('analytics.pledgesColumn'))}
          ${barChart(i18n, 'by-sector', t('analytics.bySector'), bars(i18n, 'sector', summary.bySector), t('analytics.pledgesColumn'))}
          ${barChart(i18n, 'by-size', t('analytics.bySize'), bars(i18n, 'size', summary.bySize, ORGANISATION_SIZES), t('analytics.pledgesColumn'))}
          ${barChart(i18n, 'by-role', t('analytics.byRole'), bars(i18n, 'orgRole', summary.byRole, ROLES), t('analytics.pledgesColumn'))}
        </div>
        <h2 id="provisions-heading">${t('analytics.provisions')}</h2>
        <p>
          ${t('analytics.provisionsIntro', { version: provisions.timelineVersion, previous: provisions.previousVersion ?? '–' })}
        </p>
        ${dataTable({
          caption: t('analytics.provisions'),
          columns: [
            t('analytics.provision'),
            t('analytics.appliesFrom'),
            { heading: t('analytics.actionsBefore'), numeric: true },
            { heading: t('analytics.actionsAfter'), numeric: true },
            t('analytics.previouslyAppliesFrom'),
            { heading: t('analytics.previouslyBefore'), numeric: true },
            { heading: t('analytics.previouslyAfter'), numeric: true },
          ],
          rows: planned(provisions.provisions).map(
            (p) =>
              html`<tr>
                <th scope="row">${p.provision}</th>
                <td>${i18n.date(p.appliesFrom)}</td>
                <td class="pact-num">${number(p.actions.before)}</td>
                <td class="pact-num">${number(p.actions.after)}</td>
                <td>${i18n.date(p.previous?.appliesFrom)}</td>
                <td class="pact-num">${p.previous ? number(p.previous.actions.before) : '–'}</td>
                <td class="pact-num">${p.previous ? number(p.previous.actions.after) : '–'}</td>
              </tr>`,
          ),
        })}`,
    });
  }

  /** The dashboard's figures as CSV: figure, key, value. */
  @Get('export.csv')
  @PageFor('analyst', 'reviewer', 'admin')
  async csv(@Res({ passthrough: true }) reply: FastifyReply) {
    const { summary, signatures, provisions } = await this.figures();
    void reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="ai-pact-analytics.csv"');
    return toCsv(
      [
        ...summaryRows(summary),
        ...signatureRows(signatures),
        ...provisionRows(provisions.provisions),
      ],
      FIGURE_COLUMNS,
    );
  }
}
