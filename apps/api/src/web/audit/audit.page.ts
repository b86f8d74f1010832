import {
  APP_CONFIG,
  CLOCK,
  replay,
  timelineAt,
  type AppConfig,
  type Clock,
} from '@pact/application';
import {
  organisationDecider,
  organisationStream,
  pledgeDecider,
  parseIsoInstant,
  pledgeStream,
  TIMELINE_STREAM,
} from '@pact/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@pact/event-store';
import { Controller, Get, Inject, Param, Query, Req, Res, StreamableFile } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { diffRevisions } from '../../audit/diff-pledge-history/revision-diff';
import { historyEntry } from '../../audit/history-entry';
import { assertMayAudit } from '../../audit/pledge-access';
import { PledgeChain } from '../../audit/verify-pledge-history/pledge-chain';
import { load } from '@pact/application';
import { pledgeView } from '../../pledges/get-pledge/pledge.view';
import { html, type Html } from '../kit/html';
import { pageHeading } from '../kit/layout';
import { button, textInput } from '../kit/fields';
import { PageFor, Pages } from '../kit/page-access';
import { pageContext, type PageContext } from '../kit/page-context';
import { PageRefused } from '../kit/page-errors';
import { sendPage, type PageOptionsNotice } from '../kit/page-response';
import { pledgeCommitments, pledgeFacts } from '../pledge/pledge-sections';
import { changes, timeline, verification } from './audit-sections';

const PER_PAGE = 100;

const whole = (value: unknown) =>
  typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : undefined;

/** `2026-01-15T09:00` (a datetime field, read as UTC, as the API reads it) or any ISO instant. */
const instant = (value: unknown) =>
  typeof value === 'string' ? parseIsoInstant(value) : undefined;

/**
 * The reviewer's reconstruction of a pledge: every event with who, when, why and its hash; the chain
 * verified from the stored events; the pledge as of any instant or revision; two revisions compared;
 * the whole history as NDJSON.
 */
@Controller('pledges')
@Pages()
export class AuditPage {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly chain: PledgeChain,
  ) {}

  @Get(':id/audit')
  @PageFor('participant', 'reviewer', 'admin')
  async show(
    @Param('id') pledgeId: string,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const context = pageContext(request);
    const { t } = context.i18n;
    await assertMayAudit(this.store, pledgeId, request.principal!);
    const events = await this.store.readStream(pledgeStream(pledgeId));
    if (events.length === 0) throw new PageRefused(404, 'notFound');
    const head = events.length - 1;
    const lastPageStart = Math.floor(head / PER_PAGE) * PER_PAGE;
    const from = Math.min(whole(query['from']) ?? lastPageStart, lastPageStart);
    // Recomputing every hash costs as much as reading the stream again: it runs when asked for.
    const result = query['verify'] === '1' ? await this.chain.verify(pledgeId) : undefined;
    const problems: string[] = [];
    const aiActTimeline = await this.store.readStream(TIMELINE_STREAM);
    const stateSection = this.stateAsOf(context, query, events, aiActTimeline, problems);
    const compareSection = this.compare(context, query, events, problems);
    const organisationId = (events[0]!.data as { organisationId: string }).organisationId;
    const organisation = await load(
      this.store,
      organisationDecider,
      organisationStream(organisationId),
    );
    const name =
      organisation.state.status === 'registered' ? organisation.state.name : organisationId;
    const notice: PageOptionsNotice | undefined =
      problems.length > 0
        ? { kind: 'error', text: t('audit.badInput'), details: problems }
        : undefined;
    return sendPage(
      reply,
      context,
      {
        title: `${t('audit.title')} · ${name}`,
        ...(notice ? { notice } : {}),
        body: html`${pageHeading(t('audit.title'))}
          <p class="ecl-u-type-paragraph-l">
            <a class="ecl-link" href="/pledges/${pledgeId}">${name}</a> ·
            ${t('audit.summary', { count: context.i18n.number(events.length), head })}
          </p>
          <p class="pact-actions">
            <a
              class="ecl-button ecl-button--secondary"
              href="/pledges/${pledgeId}/audit/history.ndjson"
              download
              >${t('audit.download')}</a
            >
            <span>${t('audit.downloadHelp')}</span>
          </p>

          <section id="verify" aria-labelledby="verify-heading">
            <h2 id="verify-heading">${t('audit.verify')}</h2>
            ${result ? verification(context.i18n, result, this.clock.now().toISOString()) : html`<p>${t('audit.verifyPrompt')}</p>`}
            <form
              method="get"
              action="/pledges/${pledgeId}/audit#verify"
              aria-labelledby="verify-heading"
            >
              <input type="hidden" name="verify" value="1" />
              ${button(t('audit.verify'), result ? 'secondary' : 'primary')}
            </form>
            <p class="pact-footer__note">${t('audit.verifyHelp')}</p>
          </section>

          <section id="state" aria-labelledby="state-heading">
            <h2 id="state-heading">${t('audit.stateAsOf')}</h2>
            <form
              method="get"
              action="/pledges/${pledgeId}/audit#state"
              class="pact-filters"
              aria-labelledby="state-heading"
            >
              ${textInput({ id: 'asOf', name: 'asOf', label: t('audit.instant'), type: 'datetime-local', value: typeof query['asOf'] === 'string' ? query['asOf'] : '', help: t('audit.instantHelp') })}
              ${textInput({ id: 'revision', name: 'revision', label: t('audit.revision'), type: 'number', value: typeof query['revision'] === 'string' ? query['revision'] : '' })}
              <div>${button(t('audit.stateAsOf'))}</div>
            </form>
            ${stateSection}
          </section>

          <section id="compare" aria-labelledby="compare-heading">
            <h2 id="compare-heading">${t('audit.compare')}</h2>
            <form
              method="get"
              action="/pledges/${pledgeId}/audit#compare"
              class="pact-filters"
              aria-labelledby="compare-heading"
            >
              ${textInput({ id: 'compareFrom', name: 'compareFrom', label: t('audit.fromRevision'), type: 'number', value: typeof query['compareFrom'] === 'string' ? query['compareFrom'] : '' })}
              ${textInput({ id: 'compareTo', name: 'compareTo', label: t('audit.toRevision'), type: 'number', value: typeof query['compareTo'] === 'string' ? query['compareTo'] : String(head) })}
              <div>${button(t('audit.compare'))}</div>
            </form>
            ${compareSection}
          </section>

          <section id="timeline" aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">${t('audit.timeline')}</h2>
            ${this.pages(context, pledgeId, from, head)}
            ${timeline(context.i18n, events.slice(from, from + PER_PAGE), result?.firstInvalidRevision)}
            ${this.pages(context, pledgeId, from, head)}
          </section>`,
      },
      problems.length > 0 ? 400 : 200,
    );
  }

  /** The stored history, one event per line, as the API's NDJSON. */
  @Get(':id/audit/history.ndjson')
  @PageFor('participant', 'reviewer', 'admin')
  async download(
    @Param('id') pledgeId: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    await assertMayAudit(this.store, pledgeId, request.principal!);
    void reply.header('content-disposition', `attachment; filename="pledge-${pledgeId}.ndjson"`);
    return new StreamableFile(Readable.from(this.lines(pledgeId)), {
      type: 'application/x-ndjson',
    });
  }

  private async *lines(pledgeId: string): AsyncGenerator<string> {
    for (let next = 0; ;) {
      const events = await this.store.readStream(pledgeStream(pledgeId), {
        fromRevision: next,
        maxCount: 200,
      });
      for (const event of events) yield `${JSON.stringify(historyEntry(event))}\n`;
      if (events.length < 200) return;
      next += events.length;
    }
  }

  private stateAsOf(
    context: PageContext,
    query: Record<string, unknown>,
    events: RecordedEvent[],
    aiActTimeline: RecordedEvent[],
    problems: string[],
  ): Html | string {
    const { t } = context.i18n;
    const asked = query['asOf'] !== undefined && query['asOf'] !== '' ? query['asOf'] : undefined;
    const revisionAsked =
      query['revision'] !== undefined && query['revision'] !== '' ? query['revision'] : undefined;
    if (asked === undefined && revisionAsked === undefined)
      return html`<p>${t('audit.stateHelp')}</p>`;
    const asOf = asked === undefined ? undefined : instant(asked);
    const untilRevision = revisionAsked === undefined ? undefined : whole(revisionAsked);
    if (asked !== undefined && !asOf) problems.push(t('audit.badInstant'));
    if (revisionAsked !== undefined && untilRevision === undefined)
      problems.push(t('audit.badRevision'));
    else if (untilRevision !== undefined && untilRevision >= events.length)
      problems.push(t('audit.noRevision', { revision: untilRevision, last: events.length - 1 }));
    if (problems.length > 0) return '';
    const { state, revision } = replay(pledgeDecider, events, {
      ...(asOf ? { asOf } : {}),
      ...(untilRevision !== undefined ? { untilRevision } : {}),
    });
    if (state.status === 'none') return html`<p role="status">${t('audit.notYet')}</p>`;
    const at = events[revision]!.recordedAt;
    const view = pledgeView(state, revision, {
      includePersonalData: true,
      reporting: this.config.reporting,
      now: asOf ?? new Date(at),
      timeline: timelineAt(aiActTimeline, this.config.aiActTimelineBase, asOf ?? new Date(at)),
    });
    return html`<div role="status">
      <h3>${t('audit.stateHeading', { revision, at: context.i18n.dateTime(at) })}</h3>
      ${pledgeFacts(context.i18n, view)} ${pledgeCommitments(context.i18n, view, 3)}
    </div>`;
  }

  private compare(
    context: PageContext,
    query: Record<string, unknown>,
    events: RecordedEvent[],
    problems: string[],
  ): Html | string {
    const { t } = context.i18n;
    if (query['compareFrom'] === undefined && query['compareTo'] === undefined)
      return html`<p>${t('audit.compareHelp')}</p>`;
    const from = whole(query['compareFrom']);
    const to = whole(query['compareTo']);
    if (from === undefined || to === undefined || from > to || to >= events.length) {
      problems.push(t('audit.badCompare', { head: events.length - 1 }));
      return '';
    }
    const diff = diffRevisions(events, from, to);
    return html`<div role="status">
      <h3>${t('audit.compareHeading', { from, to })}</h3>
      ${changes(context.i18n, diff.changes)}
      <p>
        ${t('audit.throughEvents', { list: diff.events.map((e) => `${e.revision} ${e.type}`).join(', ') || '—' })}
      </p>
    </div>`;
  }

  private pages(context: PageContext, pledgeId: string, from: number, head: number) {
    const { t } = context.i18n;
    if (head < PER_PAGE) return '';
    const link = (start: number) => `/pledges/${pledgeId}/audit?from=${start}#timeline`;
    return html`<nav class="pact-actions" aria-label="${t('pager.label')}">
      ${from > 0 ? html`<a class="ecl-link ecl-link--standalone" href="${link(Math.max(0, from - PER_PAGE))}">${t('audit.earlier')}</a>` : ''}
      <span
        >${t('audit.showingRevisions', { from, to: Math.min(head, from + PER_PAGE - 1), head })}</span
      >
      ${from + PER_PAGE <= head ? html`<a class="ecl-link ecl-link--standalone" href="${link(from + PER_PAGE)}">${t('audit.later')}</a>` : ''}
    </nav>`;
  }
}
