import { APP_CONFIG, CLOCK, type AppConfig, type Clock } from '@pact/application';
import { commitmentCatalogue, NACE_SECTIONS, ORGANISATION_SIZES, ROLES } from '@pact/domain';
import {
  DEFAULT_REGISTRY_SORT,
  findRegistryPledges,
  REGISTRY_ITEM_FIELDS,
  REGISTRY_SORTS,
  REPORTING_STATUSES,
  type Page,
  type RegistryItem,
} from '@pact/projections';
import { READ_STORE, type ReadStore } from '@pact/read-store';
import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasRole } from '../../auth/principal';
import { LIST_PARAMS, listWindow, toCsv } from '../../http/list-response';
import { QueryParams } from '../../http/query-params';
import {
  PLEDGE_STATUSES,
  REGISTRY_FILTERS,
  registryFilters,
  registryOrder,
} from '../../registry/find-registry-pledges/registry-filters';
import { dataTable } from '../kit/data-table';
import { html } from '../kit/html';
import { pageHeading } from '../kit/layout';
import { commitmentTitle, label } from '../kit/labels';
import { button, select, textInput } from '../kit/fields';
import { Pages, PublicPage } from '../kit/page-access';
import { pageContext, type PageContext } from '../kit/page-context';
import { formRefusal, sendPage, type FormRefusal } from '../kit/page-response';
import { sentFilters, type RefusedForm } from '../kit/form';
import { pager } from '../kit/pager';

const PAGE_QUERY = [...LIST_PARAMS, ...REGISTRY_FILTERS, 'lang'];
const EXPORT_PAGE = 500;

@Controller('registry')
@Pages()
export class RegistryPage {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The registry of pledges, filtered and sorted as the API's registry query. */
  @Get()
  @PublicPage()
  async show(
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const context = pageContext(request);
    const staff = hasRole(request.principal!, 'analyst', 'reviewer', 'admin');
    let page: Page<RegistryItem> = { items: [], total: 0, offset: 0, more: false };
    let failure: FormRefusal | undefined;
    let order = registryOrder(undefined);
    try {
      const params = new QueryParams(query, PAGE_QUERY);
      const filters = registryFilters(params);
      order = registryOrder(filters.sort);
      const window = listWindow(params, order);
      params.done();
      page = await findRegistryPledges(this.store, {
        ...filters,
        ...window,
        publishedOnly: !staff,
        now: this.clock.now(),
        reporting: this.config.reporting,
      });
    } catch (error) {
      // The filters refused are marked on the filter form, which shows the query as sent.
      failure = formRefusal(error, context, {
        body: query,
        labels: {
          q: 'registry.q',
          country: 'registry.country',
          sector: 'registry.sector',
          size: 'registry.size',
          role: 'registry.role',
          commitment: 'registry.commitment',
          reportingStatus: 'registry.reportingStatus',
          status: 'registry.status',
          signedFrom: 'registry.signedFrom',
          signedTo: 'registry.signedTo',
          sort: 'registry.sort',
        },
      });
    }
    const { t } = context.i18n;
    return sendPage(
      reply,
      context,
      {
        title: t('registry.title'),
        ...(failure ? { notice: failure.notice } : {}),
        body: html`${pageHeading(t('registry.title'))}
          <p>${t(staff ? 'registry.introStaff' : 'registry.intro')}</p>
          ${this.filters(context, query, staff, failure?.form)}
          ${
            // Refused filters select nothing: no "no match", no download of a query that is refused.
            failure
              ? ''
              : html`${this.downloads(context, query)} ${this.table(context, page, staff)}
                ${pager(context, query, page, order)}`
          }`,
      },
      failure?.status ?? 200,
    );
  }

  /** The current filter's rows as CSV, every page of them. */
  @Get('export.csv')
  @PublicPage()
  async csv(
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const items = await this.everything(query, request);
    void reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="ai-pact-registry.csv"');
    return toCsv(items, REGISTRY_ITEM_FIELDS);
  }

  /** The current filter's rows as JSON, every page of them. */
  @Get('export.json')
  @PublicPage()
  async json(
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const items = await this.everything(query, request);
    void reply
      .type('application/json; charset=utf-8')
      .header('content-disposition', 'attachment; filename="ai-pact-registry.json"');
    return { items, total: items.length };
  }

  private async everything(query: Record<string, unknown>, request: FastifyRequest) {
    const params = new QueryParams(query, [...REGISTRY_FILTERS, 'lang']);
    const filters = registryFilters(params);
    params.done();
    const publishedOnly = !hasRole(request.principal!, 'analyst', 'reviewer', 'admin');
    const now = this.clock.now();
    const items: RegistryItem[] = [];
    for (let after: readonly unknown[] | undefined; ;) {
      const page = await findRegistryPledges(this.store, {
        ...filters,
        offset: items.length,
        after,
        limit: EXPORT_PAGE,
        publishedOnly,
        now,
        reporting: this.config.reporting,
      });
      items.push(...page.items);
      if (page.items.length < EXPORT_PAGE) return items;
      after = page.after;
    }
  }

  private filters(
    context: PageContext,
    query: Record<string, unknown>,
    staff: boolean,
    refused?: RefusedForm,
  ) {
    const { t } = context.i18n;
    const sent = sentFilters(query, refused);
    const options = (prefix: string, codes: readonly string[]) =>
      codes.map((code) => ({ value: code, label: label(context.i18n, prefix, code) }));
    return html`<form
      method="get"
      action="/registry"
      class="pact-filters"
      aria-label="${t('registry.filters')}"
    >
      ${textInput({ id: 'q', name: 'q', label: t('registry.q'), ...sent('q') })}
      ${textInput({ id: 'country', name: 'country', label: t('registry.country'), ...sent('country'), help: t('registry.countryHelp'), maxLength: 2 })}
      ${select({ id: 'sector', name: 'sector', label: t('registry.sector'), options: options('sector', NACE_SECTIONS), ...sent('sector'), empty: t('common.any') })}
      ${select({ id: 'size', name: 'size', label: t('registry.size'), options: options('size', ORGANISATION_SIZES), ...sent('size'), empty: t('common.any') })}
      ${select({ id: 'role', name: 'role', label: t('registry.role'), options: options('orgRole', ROLES), ...sent('role'), empty: t('common.any') })}
      ${select({
        id: 'commitment',
        name: 'commitment',
        label: t('registry.commitment'),
        options: commitmentCatalogue.entries.map((e) => ({
          value: e.code,
          label: commitmentTitle(context.i18n, e.code),
        })),
        ...sent('commitment'),
        empty: t('common.any'),
      })}
      ${select({ id: 'reportingStatus', name: 'reportingStatus', label: t('registry.reportingStatus'), options: options('reporting', REPORTING_STATUSES), ...sent('reportingStatus'), empty: t('common.any') })}
      ${staff ? select({ id: 'status', name: 'status', label: t('registry.status'), options: options('status', PLEDGE_STATUSES), ...sent('status'), empty: t('common.any') }) : ''}
      ${textInput({ id: 'signedFrom', name: 'signedFrom', label: t('registry.signedFrom'), type: 'date', ...sent('signedFrom') })}
      ${textInput({ id: 'signedTo', name: 'signedTo', label: t('registry.signedTo'), type: 'date', ...sent('signedTo') })}
      ${select({ id: 'sort', name: 'sort', label: t('registry.sort'), options: options('sort', REGISTRY_SORTS), ...sent('sort'), value: sent('sort').value || DEFAULT_REGISTRY_SORT })}
      <div>${button(t('registry.apply'))}</div>
    </form>`;
  }

  private downloads(context: PageContext, query: Record<string, unknown>) {
    const { t } = context.i18n;
    const params = new URLSearchParams();
    for (const name of REGISTRY_FILTERS) {
      const value = query[name];
      if (typeof value === 'string' && value !== '') params.set(name, value);
    }
    const suffix = params.size > 0 ? `?${params.toString()}` : '';
    return html`<p class="pact-actions">
      ${t('registry.download')}
      <a class="ecl-link ecl-link--standalone" href="/registry/export.csv${suffix}">CSV</a>
      <a class="ecl-link ecl-link--standalone" href="/registry/export.json${suffix}">JSON</a>
    </p>`;
  }

  private table(context: PageContext, page: Page<RegistryItem>, staff: boolean) {
    const i18n = context.i18n;
    const { t } = i18n;
    if (page.items.length === 0) return html`<p>${t('registry.none')}</p>`;
    return html`<p>${t('registry.count', { total: i18n.number(page.total) })}</p>
      ${dataTable({
        caption: t('registry.title'),
        columns: [
          t('registry.organisation'),
          t('registry.country'),
          t('registry.sector'),
          t('registry.size'),
          t('registry.role'),
          staff && t('registry.status'),
          t('registry.signedAt'),
          { heading: t('registry.commitments'), numeric: true },
          t('registry.reportingStatus'),
          t('registry.nextDue'),
        ],
        rows: page.items.map(
          (item) =>
            html`<tr>
              <td>
                <a class="ecl-link" href="/pledges/${item.pledgeId}">${item.organisationName}</a>
              </td>
              <td>${item.country}</td>
              <td>${label(i18n, 'sector', item.sector)}</td>
              <td>${label(i18n, 'size', item.size)}</td>
              <td>${item.roles.map((r) => label(i18n, 'orgRole', r)).join(', ')}</td>
              ${staff ? html`<td>${label(i18n, 'status', item.status)}</td>` : ''}
              <td>${i18n.date(item.signedAt)}</td>
              <td class="pact-num">${i18n.number(item.commitments.length)}</td>
              <td>${label(i18n, 'reporting', item.reportingStatus)}</td>
              <td>${item.reportingStatus === 'withdrawn' ? '—' : i18n.date(item.nextDueAt)}</td>
            </tr>`,
        ),
      })}`;
  }
}
