import { IssueApiKeyCommand, RevokeApiKeyCommand } from '@pact/commands';
import { CLOCK, type Clock } from '@pact/application';
import { API_ROLES, ApiKeyStore, hasExpired, type ApiKeyRecord } from '@pact/infrastructure';
import { Projector } from '@pact/projections';
import { READ_STORE, type ReadStore } from '@pact/read-store';
import { DeliveryLog, DeliveryQueue, ReminderQueues } from '@pact/reminders';
import { Controller, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { retryDeadDelivery } from '../../admin/deliveries/deliveries.controller';
import { IssueApiKeyDto } from '../../api-keys/issue-api-key/issue-api-key.controller';
import { button, formSecrets, rowFormsTo, select, textInput } from '../kit/fields';
import { field, kept, refusedHere, type RefusedForm } from '../kit/form';
import { dataTable } from '../kit/data-table';
import { html } from '../kit/html';
import { pageHeading, type PageOptions } from '../kit/layout';
import { label } from '../kit/labels';
import { PageFor, Pages } from '../kit/page-access';
import { newSubmissionId, PageCommands } from '../kit/page-commands';
import { pageContext, type PageContext } from '../kit/page-context';
import {
  afterSuccess,
  outcomeNotice,
  formRefusal,
  sendPage,
  type Outcome,
} from '../kit/page-response';
import { listWindow, type ListWindow } from '../../http/list-response';
import { QueryParams } from '../../http/query-params';
import { pager } from '../kit/pager';
import { validated } from '../kit/validated';
import { pageRefusal } from '../kit/page-errors';

/** The issued keys (or those a search found), newest first, a hundred a page, as their cursors name the list. */
const KEYS_ORDER = 'admin:keys';
const KEYS_PAGE = 100;

/** A key just issued: shown on the page that answers the form, never again. */
interface Issued {
  readonly id: string;
  readonly key: string;
}

const form = rowFormsTo('/admin');

/** Operators' page: API keys, projections, prompt deliveries. */
@Controller('admin')
@Pages()
export class AdminPage {
  constructor(
    private readonly keys: ApiKeyStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly projector: Projector,
    private readonly log: DeliveryLog,
    private readonly deliveries: DeliveryQueue,
    private readonly queues: ReminderQueues,
    private readonly commands: PageCommands,
  ) {}

  @Get()
  @PageFor('admin')
  async show(
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const context = pageContext(request);
    let search: string | undefined;
    let window: ListWindow;
    try {
      const params = QueryParams.among(query, ['keys', 'cursor']);
      search = params.uuid('keys', 'an organisation’s or a key’s ID');
      window = listWindow(params, KEYS_ORDER, { cursor: 'cursor', limit: KEYS_PAGE });
      params.done();
    } catch (error) {
      // A search that is no ID: the form again with what was sent, and the recent keys.
      const refused = formRefusal(error, context, {
        body: query,
        labels: { keys: 'admin.searchKeys' },
      });
      return this.render(reply, context, { notice: refused.notice }, refused.status, {
        searchRefused: refused.form,
      });
    }
    return this.render(reply, context, outcomeNotice(context, query), 200, {
      ...(search ? { search } : {}),
      window,
      query,
    });
  }

  @Post()
  @PageFor('admin')
  async submit(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const context = pageContext(request);
    const body = request.body;
    try {
      switch (field(body, 'intent')) {
        case 'issue-key': {
          const expiry = field(body, 'expiresAt');
          const dto = await validated(IssueApiKeyDto, {
            role: field(body, 'role'),
            label: field(body, 'label'),
            ...(field(body, 'organisationId')
              ? { organisationId: field(body, 'organisationId') }
              : {}),
            ...(expiry ? { expiresAt: /T/.test(expiry) ? expiry : `${expiry}T00:00:00Z` } : {}),
          });
          // Once per submitted form: a second click shows the same key rather than issuing another.
          const issued = await this.commands.submit(
            request,
            (context) => new IssueApiKeyCommand(dto, context),
          );
          // The key cannot travel through a redirect: this answer is the only place it is shown.
          return this.render(
            reply,
            context,
            { notice: { kind: 'success', text: context.i18n.t('admin.issued') } },
            200,
            { issued },
          );
        }
        case 'revoke-key': {
          const id = field(body, 'keyId');
          await this.commands.submit(request, (context) => new RevokeApiKeyCommand(id, context));
          // Back to the search the key was found by, if it was.
          const search = field(body, 'keys');
          return afterSuccess(
            '/admin',
            'keyRevoked',
            undefined,
            isUUID(search) ? { keys: search } : {},
          );
        }
        case 'rebuild': {
          const name = field(body, 'projection');
          const known = (await this.projector.status()).some((p) => p.name === name);
          if (!known) throw pageRefusal(404, `No projection named ${name}`, 'projection-unknown');
          await this.projector.rebuild(name);
          return afterSuccess('/admin', 'projectionRebuilt');
        }
        case 'retry-delivery': {
          await retryDeadDelivery(
            this.log,
            this.deliveries,
            this.queues,
            this.clock,
            field(body, 'promptId'),
            field(body, 'channel'),
          );
          return afterSuccess('/admin', 'deliveryRetried' satisfies Outcome);
        }
        default:
          throw pageRefusal(400, 'Unknown form', 'form-unknown');
      }
    } catch (error) {
      const { status, notice, form } = formRefusal(error, context, {
        body,
        labels: {
          role: 'admin.role',
          label: 'admin.label',
          organisationId: 'admin.organisation',
          expiresAt: 'admin.expiry',
        },
      });
      return this.render(reply, context, { notice }, status, { refused: form });
    }
  }

  private async render(
    reply: FastifyReply,
    context: PageContext,
    extra: Pick<PageOptions, 'notice'>,
    status = 200,
    {
      issued,
      refused,
      search,
      searchRefused,
      window = { offset: 0, limit: KEYS_PAGE },
      query = {},
    }: {
      /** A key just issued: shown once, here. */
      issued?: Issued;
      /** A refused form, shown again as it was sent. */
      refused?: RefusedForm;
      /** The ID the keys are searched by: a key's, or an organisation's. */
      search?: string;
      /** A search refused, shown again as it was sent. */
      searchRefused?: RefusedForm;
      /** The page of the keys shown, and the query its links keep. */
      window?: ListWindow;
      query?: Record<string, unknown>;
    } = {},
  ) {
    const i18n = context.i18n;
    // A refused key form shows again with what was sent.
    const keyForm = refusedHere(refused, 'issue-key');
    const { t } = i18n;
    const [listed, projections, dead, queuesUp] = await Promise.all([
      this.keys.list(search ? { keyOrOrganisation: search } : {}, window),
      this.projector.status(),
      this.log.list('dead', 100),
      this.queues.isUp(),
    ]);
    const keys = listed.items;
    const deadLetters = await this.readStore.deadLetters();
    const now = this.clock.now();
    // A key past its expiry works no more: it is said so, with nothing left to revoke.
    const keyState = (k: ApiKeyRecord) =>
      k.revokedAt
        ? t('admin.revokedAt', { at: i18n.dateTime(k.revokedAt) })
        : hasExpired(k, now)
          ? t('admin.expiredAt', { at: i18n.dateTime(k.expiresAt) })
          : form(
              context,
              'revoke-key',
              { keyId: k.id, ...(search ? { keys: search } : {}) },
              button(t('admin.revoke'), 'secondary'),
              {
                does: t('admin.revoke'),
                on: [`key-${k.id}`],
              },
            );
    const keyRow = (k: ApiKeyRecord) =>
      html`<tr>
        <td id="key-${k.id}">${k.label}<br /><code class="pact-hash">${k.id}</code></td>
        <td>${label(i18n, 'role', k.role)}</td>
        <td><code class="pact-hash">${k.organisationId ?? '—'}</code></td>
        <td>${i18n.dateTime(k.createdAt)}</td>
        <td>${k.expiresAt ? i18n.dateTime(k.expiresAt) : '—'}</td>
        <td>${keyState(k)}</td>
      </tr>`;
    return sendPage(
      reply,
      context,
      {
        title: t('admin.title'),
        ...extra,
        body: html`${pageHeading(t('admin.title'))}
          ${
            issued
              ? html`<div class="pact-commitment" role="status">
                  <h2>${t('admin.newKey')}</h2>
                  <p>${t('admin.newKeyHelp')}</p>
                  <p class="pact-key" id="new-key">${issued.key}</p>
                </div>`
              : ''
          }
          <section aria-labelledby="keys-heading">
            <h2 id="keys-heading">${t('admin.keys')}</h2>
            <section class="pact-form" aria-labelledby="issue-heading">
              <h3 id="issue-heading">${t('admin.issue')}</h3>
              <form method="post" action="/admin" aria-labelledby="issue-heading">
                ${formSecrets(context.csrf, newSubmissionId())}
                <input type="hidden" name="intent" value="issue-key" />
                ${select({ id: 'key-role', name: 'role', label: t('admin.role'), required: true, options: API_ROLES.map((r) => ({ value: r, label: label(i18n, 'role', r) })), ...kept(keyForm, 'role') })}
                ${textInput({ id: 'key-label', name: 'label', label: t('admin.label'), required: true, ...kept(keyForm, 'label') })}
                ${textInput({ id: 'key-organisation', name: 'organisationId', label: t('admin.organisation'), help: t('admin.organisationHelp'), ...kept(keyForm, 'organisationId') })}
                ${textInput({ id: 'key-expiry', name: 'expiresAt', label: t('admin.expiry'), type: 'date', help: t('admin.expiryHelp'), ...kept(keyForm, 'expiresAt') })}
                ${button(t('admin.issue'))}
              </form>
            </section>
            <form method="get" action="/admin" class="pact-filters pact-filters--one" role="search">
              ${textInput({ id: 'search-keys', name: 'keys', label: t('admin.searchKeys'), help: t('admin.searchKeysHelp'), ...kept(searchRefused, 'keys', search ?? '') })}
              <div>${button(t('admin.search'))}</div>
            </form>
            ${
              search
                ? html`<p>
                    <a class="ecl-link ecl-link--standalone" href="/admin"
                      >${t('admin.backToRecent')}</a
                    >
                  </p>`
                : ''
            }
            ${
              search && keys.length === 0
                ? html`<p id="keys-none">${t('admin.noKeysFound')}</p>`
                : dataTable({
                    caption: search ? t('admin.keysFound', { id: search }) : t('admin.recentKeys'),
                    showCaption: true,
                    columns: [
                      t('admin.label'),
                      t('admin.role'),
                      t('admin.organisation'),
                      t('admin.created'),
                      t('admin.expiry'),
                      t('admin.state'),
                    ],
                    rows: keys.map(keyRow),
                  })
            }
            ${pager(context, query, listed, KEYS_ORDER, { limit: KEYS_PAGE })}
          </section>
          <section aria-labelledby="projections-heading">
            <h2 id="projections-heading">${t('admin.projections')}</h2>
            ${dataTable({
              caption: t('admin.projections'),
              columns: [
                t('admin.projection'),
                t('admin.projectionStatus'),
                { heading: t('admin.position'), numeric: true },
                { heading: t('admin.lag'), numeric: true },
                { heading: t('admin.deadLetters'), numeric: true },
                t('admin.action'),
              ],
              rows: projections.map(
                (p) =>
                  html`<tr>
                    <td id="projection-${p.name}">${p.name}</td>
                    <td>${t(`admin.status.${p.status}`)}</td>
                    <td class="pact-num">${p.position}</td>
                    <td class="pact-num">${i18n.number(p.lag)}</td>
                    <td class="pact-num">${i18n.number(p.deadLetters)}</td>
                    <td>
                      ${form(context, 'rebuild', { projection: p.name }, button(t('admin.rebuild'), 'secondary'), { does: t('admin.rebuild'), on: [`projection-${p.name}`] })}
                    </td>
                  </tr>`,
              ),
            })}
            ${
              deadLetters.length > 0
                ? html`<ul>
                    ${deadLetters.map((d) => html`<li>${d.projection} @ ${d.position}: ${d.type} — ${d.error}</li>`)}
                  </ul>`
                : ''
            }
          </section>
          <section aria-labelledby="deliveries-heading">
            <h2 id="deliveries-heading">${t('admin.deliveries')}</h2>
            <p>
              ${t(queuesUp ? 'admin.redisUp' : 'admin.redisDown')}
              <a class="ecl-link" href="/admin/queues">${t('admin.queueDashboard')}</a>
            </p>
            ${
              dead.length === 0
                ? html`<p>${t('admin.noDeadDeliveries')}</p>`
                : dataTable({
                    caption: t('admin.deadDeliveries'),
                    showCaption: true,
                    columns: [
                      t('admin.prompt'),
                      t('admin.channel'),
                      { heading: t('admin.attempts'), numeric: true },
                      t('admin.lastError'),
                      t('admin.action'),
                    ],
                    rows: dead.map(
                      (d) =>
                        html`<tr>
                          <td id="delivery-${d.promptId}-${d.channel}">
                            <code class="pact-hash">${d.promptId}</code>
                          </td>
                          <td>${t(`admin.channel.${d.channel}`)}</td>
                          <td class="pact-num">${d.attempts}</td>
                          <td>${d.lastError ?? '—'}</td>
                          <td>
                            ${form(context, 'retry-delivery', { promptId: d.promptId, channel: d.channel }, button(t('admin.retry'), 'secondary'), { does: t('admin.retry'), on: [`delivery-${d.promptId}-${d.channel}`] })}
                          </td>
                        </tr>`,
                    ),
                  })
            }
          </section>`,
      },
      status,
    );
  }
}
