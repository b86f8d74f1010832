import { organisationStream, practiceStream, pledgeStream } from '@pact/domain';
import { type EventStore, type RecordedEvent } from '@pact/event-store';
import { PersonalDataProtectingStore, RAW_EVENT_STORE } from '@pact/infrastructure';
import { READ_STORE, type ReadStore } from '@pact/read-store';
import { Controller, Get, Inject, Param, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Allow } from '../../auth/access.decorator';
import { hasRole, isMemberOf } from '../../auth/principal';
import { notFound } from '../../http/problem';
import { AcceptsQuery, QueryParams } from '../../http/query-params';
import { ReadYourWrites } from '../../http/read-your-writes';
import { pledgeIdForSlot } from '@pact/application';
import { historyEntry } from '../history-entry';

@Controller('v1/organisations')
export class GetOrganisationHistoryController {
  constructor(
    @Inject(RAW_EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly read: ReadStore,
    private readonly personal: PersonalDataProtectingStore,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  /**
   * The organisation's stream and those of its pledges and practices, merged in global order, as
   * stored: sealed contact data stays sealed in `data` and is opened in `personalData`. Pledges
   * are found by their slots in the event store; practices through the practices read model.
   */
  @Get(':id/history')
  @AcceptsQuery(['minPosition'])
  @Allow('participant', 'reviewer', 'admin')
  async history(
    @Param('id') organisationId: string,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
  ) {
    // Its practices are found through a read model: that waits for the position, not the log alone.
    await this.readYourWrites.reach(QueryParams.among(query, ['minPosition']));
    const principal = request.principal!;
    if (!isMemberOf(principal, organisationId) && !hasRole(principal, 'reviewer', 'admin'))
      throw notFound('Organisation not found');
    const own = await this.store.readStream(organisationStream(organisationId));
    if (own.length === 0) throw notFound('Organisation not found');
    const streams: RecordedEvent[][] = [own];
    for (let slot = 0; ; slot++) {
      const pledge = await this.store.readStream(
        pledgeStream(pledgeIdForSlot(organisationId, slot)),
      );
      if (pledge.length === 0) break;
      streams.push(pledge);
    }
    const practices = await this.read.aggregate<{ _id: string }>('practices', [
      { $match: { organisationId } },
      { $project: { _id: 1 } },
    ]);
    for (const practice of practices)
      streams.push(await this.store.readStream(practiceStream(practice._id)));
    const events = streams
      .flat()
      .sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
    // Stored data as is (contact data sealed, so the chain verifies); its readers get it opened beside.
    return {
      organisationId,
      events: await Promise.all(
        events.map(async (event) =>
          historyEntry(event, true, await this.personal.personalData(event)),
        ),
      ),
    };
  }
}
