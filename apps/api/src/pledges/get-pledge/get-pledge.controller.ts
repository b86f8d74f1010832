import {
  APP_CONFIG,
  CLOCK,
  load,
  loadCurrent,
  loadTimeline,
  replay,
  type AppConfig,
  type Clock,
} from '@pact/application';
import { parseIsoInstant, timelineInForce } from '@pact/domain';
import { pledgeDecider, pledgeStream } from '@pact/domain';
import { PledgeStates } from '@pact/commands';
import { EVENT_STORE, type EventStore } from '@pact/event-store';
import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Anyone } from '../../auth/access.decorator';
import { unauthorized } from '../../auth/authenticator';
import { hasRole, isMemberOf } from '../../auth/principal';
import { forbidden, invalidInput, notFound } from '../../http/problem';
import { AcceptsQuery, QueryParams } from '../../http/query-params';
import { ReadYourWrites } from '../../http/read-your-writes';
import { pledgeView } from './pledge.view';

@Controller('v1/pledges')
export class GetPledgeController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly readYourWrites: ReadYourWrites,
    private readonly pledges: PledgeStates,
  ) {}

  /**
   * The pledge folded from its stream. Owners, reviewers and admins see it always, and as it was at
   * `?asOf=` or `?revision=`; anyone sees a published pledge, without personal data.
   */
  @Get(':id')
  @AcceptsQuery(['minPosition'])
  @Anyone()
  async get(
    @Param('id') pledgeId: string,
    @Query('asOf') asOf: string | undefined,
    @Query('revision') revision: string | undefined,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const timeTravel = parseTimeTravel(asOf, revision);
    await this.readYourWrites.reachLog(QueryParams.among(query, ['minPosition']));
    const stream = pledgeStream(pledgeId);
    // As it is now: from the state the commands kept, reading only what was appended since. As it
    // was: from the whole stream, folded up to that point.
    const whole = timeTravel && (await load(this.store, pledgeDecider, stream));
    const current = whole || (await loadCurrent(this.store, pledgeDecider, stream, this.pledges));
    if (current.state.status === 'none') throw notFound('Pledge not found');
    const principal = request.principal!;
    const privileged =
      isMemberOf(principal, current.state.organisationId) ||
      hasRole(principal, 'reviewer', 'admin');
    if (!privileged) {
      const published = current.state.status === 'published';
      if (!published) {
        if (hasRole(principal, 'analyst'))
          throw forbidden('Analysts read unpublished pledges through the registry');
        throw notFound('Pledge not found');
      }
      // Published, so anyone may know it exists; its earlier states are for those who may audit it
      // (another organisation's participant is answered as by its history: not found).
      if (timeTravel) {
        if (principal.kind === 'anonymous')
          throw unauthorized('Sign in to see a pledge as it was (owner, reviewer or admin key)');
        if (hasRole(principal, 'analyst'))
          throw forbidden('Only the owner, reviewers and admins see a pledge as it was');
        throw notFound('Pledge not found');
      }
    }
    const untilRevision = timeTravel && 'untilRevision' in timeTravel && timeTravel.untilRevision;
    if (typeof untilRevision === 'number' && untilRevision > current.revision)
      throw notFound(`The pledge has no revision ${untilRevision}`);
    const then = whole && replay(pledgeDecider, whole.events, timeTravel);
    const { state, revision: at } = then || current;
    if (state.status === 'none') throw notFound('The pledge did not exist at that point');
    // A pledge as it was is dated by the timeline as it was then.
    const instant =
      timeTravel && 'asOf' in timeTravel ? timeTravel.asOf : then && then.events.at(-1)?.recordedAt;
    const timeline = await loadTimeline(this.store, this.config.aiActTimelineBase, {
      ...(instant ? { asOf: new Date(instant) } : {}),
    });
    void reply.header('etag', `"${at}"`);
    return pledgeView(state, at, {
      includePersonalData: privileged,
      reporting: this.config.reporting,
      now: this.clock.now(),
      timeline: timelineInForce(timeline.state),
    });
  }
}

function parseTimeTravel(asOf: string | undefined, revision: string | undefined) {
  if (asOf !== undefined && revision !== undefined)
    throw invalidInput('Give asOf or revision, not both');
  if (asOf !== undefined) {
    const instant = typeof asOf === 'string' ? parseIsoInstant(asOf) : undefined;
    if (!instant) {
      throw invalidInput('asOf must be an ISO 8601 instant', [
        { field: 'asOf', message: 'must be an ISO 8601 instant' },
      ]);
    }
    return { asOf: instant };
  }
  if (revision !== undefined) {
    if (typeof revision !== 'string' || !/^\d{1,9}$/.test(revision)) {
      throw invalidInput('revision must be a non-negative integer', [
        { field: 'revision', message: 'must be a non-negative integer' },
      ]);
    }
    return { untilRevision: Number(revision) };
  }
  return undefined;
}
