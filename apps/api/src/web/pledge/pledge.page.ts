import {
  APP_CONFIG,
  CLOCK,
  currentTimeline,
  load,
  loadCurrent,
  type AppConfig,
  type Clock,
} from '@pact/application';
import { organisationDecider, organisationStream, pledgeDecider, pledgeStream } from '@pact/domain';
import { PledgeStates } from '@pact/commands';
import { EVENT_STORE, type EventStore } from '@pact/event-store';
import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hasRole, isMemberOf } from '../../auth/principal';
import { pledgeView } from '../../pledges/get-pledge/pledge.view';
import { html } from '../kit/html';
import { pageHeading } from '../kit/layout';
import { label } from '../kit/labels';
import { Pages, PublicPage } from '../kit/page-access';
import { pageContext } from '../kit/page-context';
import { PageRefused } from '../kit/page-errors';
import { sendPage } from '../kit/page-response';
import { pledgeCommitments, pledgeFacts } from './pledge-sections';

@Controller('pledges')
@Pages()
export class PledgePage {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly pledges: PledgeStates,
  ) {}

  /** A pledge as the public registry shows it: anyone once published; its owner and staff always. */
  @Get(':id')
  @PublicPage()
  async show(
    @Param('id') pledgeId: string,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const context = pageContext(request);
    const { state, revision } = await loadCurrent(
      this.store,
      pledgeDecider,
      pledgeStream(pledgeId),
      this.pledges,
    );
    if (state.status === 'none') throw new PageRefused(404, 'notFound');
    const principal = request.principal!;
    const owner = isMemberOf(principal, state.organisationId);
    const auditor = owner || hasRole(principal, 'reviewer', 'admin');
    if (state.status !== 'published' && !auditor && !hasRole(principal, 'analyst'))
      throw new PageRefused(404, 'notFound');
    const organisation = await load(
      this.store,
      organisationDecider,
      organisationStream(state.organisationId),
    );
    const view = pledgeView(state, revision, {
      includePersonalData: true,
      reporting: this.config.reporting,
      now: this.clock.now(),
      timeline: await currentTimeline(this.store, this.config.aiActTimelineBase),
    });
    const i18n = context.i18n;
    const { t } = i18n;
    const org = organisation.state.status === 'registered' ? organisation.state : undefined;
    const name = org?.name ?? t('pledge.unknownOrganisation');
    return sendPage(reply, context, {
      title: name,
      body: html`${pageHeading(name)}
        <p>${t('pledge.lead')}</p>
        ${org ? html`<p>${org.country} · ${label(i18n, 'sector', org.sector)} · ${label(i18n, 'size', org.size)} · ${org.roles.map((r) => label(i18n, 'orgRole', r)).join(', ')}</p>` : ''}
        ${pledgeFacts(i18n, view)}
        ${auditor ? html`<p class="pact-actions"><a class="ecl-link ecl-link--standalone" href="/pledges/${pledgeId}/audit">${t('audit.title')}</a></p>` : ''}
        <h2>${t('pledge.commitments')}</h2>
        ${pledgeCommitments(i18n, view)}
        <p class="pact-footer__note">${t('pledge.disclaimer')}</p>`,
    });
  }
}
