import { IMPLEMENTATION_LEVELS } from '@pact/domain';
import { EVENT_STORE, type EventStore } from '@pact/event-store';
import { findPractices, type Page, type PracticeItem } from '@pact/projections';
import { READ_STORE, type ReadStore } from '@pact/read-store';
import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LIST_PARAMS, listWindow, toCsv } from '../../http/list-response';
import { QueryParams } from '../../http/query-params';
import {
  PRACTICE_COLUMNS,
  PRACTICE_FILTERS,
  practiceFilters,
  PRACTICES_ORDER,
} from '../../practices/find-practices/practice-filters';
import { readPractice } from '../../practices/get-practice/read-practice';
import { button, select, textInput } from '../kit/fields';
import { html } from '../kit/html';
import { pageHeading } from '../kit/layout';
import { label } from '../kit/labels';
import { Pages, PublicPage } from '../kit/page-access';
import { pageContext, type PageContext } from '../kit/page-context';
import { PageRefused } from '../kit/page-errors';
import { formRefusal, sendPage, type FormRefusal } from '../kit/page-response';
import { sentFilters, type RefusedForm } from '../kit/form';
import { pager } from '../kit/pager';

const PAGE_QUERY = [...LIST_PARAMS, ...PRACTICE_FILTERS, 'lang'];
const EXPORT_PAGE = 500;
const LANGUAGES = ['en', 'fr', 'de'];

/** The practices library: published practices for anyone, every practice not withdrawn for key holders. */
@Controller('practices')
@Pages()
export class PracticesPage {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  @Get()
  @PublicPage()
  async list(
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const context = pageContext(request);
    const { t } = context.i18n;
    let page: Page<PracticeItem> = { items: [], total: 0, offset: 0, more: false };
    let failure: FormRefusal | undefined;
    try {
      const params = new QueryParams(query, PAGE_QUERY);
      const filters = practiceFilters(params);
      const window = listWindow(params, PRACTICES_ORDER);
      params.done();
      page = await findPractices(this.store, {
        ...filters,
        ...window,
        publishedOnly: !context.session,
      });
    } catch (error) {
      // The filters refused are marked on the filter form, which shows the query as sent.
      failure = formRefusal(error, context, {
        body: query,
        labels: {
          q: 'practices.q',
          category: 'practice.category',
          implementationLevel: 'practice.level',
          language: 'practice.language',
        },
      });
    }
    return sendPage(
      reply,
      context,
      {
        title: t('practices.title'),
        ...(failure ? { notice: failure.notice } : {}),
        body: html`${pageHeading(t('practices.title'))}
          <p>${t('practices.intro')}</p>
          ${this.filters(context, query, failure?.form)}
          <p class="pact-actions">
            ${t('registry.download')}
            <a class="ecl-link ecl-link--standalone" href="/practices/export.csv">CSV</a>
            <a class="ecl-link ecl-link--standalone" href="/practices/export.json">JSON</a>
          </p>
          ${
            // Refused filters select nothing: the notice says why, not "no practice matches".
            failure
              ? ''
              : html`${this.results(context, page)} ${pager(context, query, page, PRACTICES_ORDER)}`
          }`,
      },
      failure?.status ?? 200,
    );
  }

  @Get('export.csv')
  @PublicPage()
  async csv(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const items = await this.everything(request);
    void reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="ai-pact-practices.csv"');
    return toCsv(items, PRACTICE_COLUMNS);
  }

  @Get('export.json')
  @PublicPage()
  async json(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const items = await this.everything(request);
    void reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', 'attachment; filename="ai-pact-practices.json"');
    return { items, total: items.length };
  }

  @Get(':id')
  @PublicPage()
  async show(
    @Param('id') practiceId: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const context = pageContext(request);
    const i18n = context.i18n;
    const { t } = i18n;
    const practice = await readPractice(this.events, practiceId, request.principal!);
    if (!practice) throw new PageRefused(404, 'notFound');
    const { state, organisationName } = practice;
    const paragraphs = state.body.split(/\n\s*\n/).filter((p) => p.trim() !== '');
    return sendPage(reply, context, {
      title: state.title,
      body: html`${pageHeading(state.title, state.language)}
        <p class="ecl-u-type-paragraph-l" lang="${state.language}">${state.summary}</p>
        <dl class="pact-meta">
          ${
            organisationName === undefined
              ? ''
              : html`<dt>${t('practice.sharedBy')}</dt>
                  <dd>${organisationName}</dd>`
          }
          <dt>${t('practice.category')}</dt>
          <dd>${state.category}</dd>
          <dt>${t('practice.level')}</dt>
          <dd>${label(i18n, 'level', state.implementationLevel)}</dd>
          <dt>${t('practice.language')}</dt>
          <dd>${i18n.languageName(state.language)}</dd>
          <dt>${t('practice.tags')}</dt>
          <dd>${state.tags.join(', ') || '—'}</dd>
          <dt>${t('practice.sharedAt')}</dt>
          <dd>${i18n.date(state.sharedAt)}</dd>
          ${
            context.session
              ? html`<dt>${t('registry.status')}</dt>
                  <dd>${label(i18n, 'practiceStatus', state.status)}</dd>`
              : ''
          }
        </dl>
        <h2>${t('practice.body')}</h2>
        <div lang="${state.language}">${paragraphs.map((p) => html`<p>${p}</p>`)}</div>
        <p class="pact-footer__note">${t('practices.disclaimer')}</p>`,
    });
  }

  private async everything(request: FastifyRequest) {
    const params = new QueryParams(request.query as Record<string, unknown>, [
      ...PRACTICE_FILTERS,
      'lang',
    ]);
    const filters = practiceFilters(params);
    params.done();
    const items: PracticeItem[] = [];
    for (let after: readonly unknown[] | undefined; ;) {
      const page = await findPractices(this.store, {
        ...filters,
        offset: items.length,
        after,
        limit: EXPORT_PAGE,
        publishedOnly: !pageContext(request).session,
      });
      items.push(...page.items);
      if (page.items.length < EXPORT_PAGE) return items;
      after = page.after;
    }
  }

  private results(context: PageContext, page: Page<PracticeItem>) {
    const i18n = context.i18n;
    if (page.items.length === 0) return html`<p>${i18n.t('practices.none')}</p>`;
    return html`<p>${i18n.t('registry.count', { total: i18n.number(page.total) })}</p>
      <ul class="pact-practices">
        ${page.items.map(
          (p) =>
            html`<li class="pact-commitment">
              <h2 lang="${p.language}">
                <a class="ecl-link" href="/practices/${p.practiceId}">${p.title}</a>
              </h2>
              <p lang="${p.language}">${p.summary}</p>
              <p>
                ${
                  p.organisationName === undefined
                    ? ''
                    : html`${i18n.t('practice.sharedByName', { name: p.organisationName })} · `
                }${p.category}
                · ${label(i18n, 'level', p.implementationLevel)} ·
                ${i18n.languageName(p.language)}${context.session ? html` · ${label(i18n, 'practiceStatus', p.status)}` : ''}
              </p>
            </li>`,
        )}
      </ul>`;
  }

  private filters(context: PageContext, query: Record<string, unknown>, refused?: RefusedForm) {
    const { t } = context.i18n;
    const sent = sentFilters(query, refused);
    return html`<form
      method="get"
      action="/practices"
      class="pact-filters"
      aria-label="${t('registry.filters')}"
    >
      ${textInput({ id: 'q', name: 'q', label: t('practices.q'), help: t('practices.qHelp'), ...sent('q') })}
      ${textInput({ id: 'category', name: 'category', label: t('practice.category'), ...sent('category') })}
      ${select({ id: 'implementationLevel', name: 'implementationLevel', label: t('practice.level'), options: IMPLEMENTATION_LEVELS.map((l) => ({ value: l, label: label(context.i18n, 'level', l) })), ...sent('implementationLevel'), empty: t('common.any') })}
      ${select({ id: 'language', name: 'language', label: t('practice.language'), options: LANGUAGES.map((l) => ({ value: l, label: context.i18n.languageName(l) })), ...sent('language'), empty: t('common.any') })}
      <div>${button(t('registry.apply'))}</div>
    </form>`;
  }
}
