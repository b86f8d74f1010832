import { pledgeStream } from '@pact/domain';
import { EVENT_STORE, type EventStore } from '@pact/event-store';
import { Controller, Get, Inject, Param, Query, Req, StreamableFile } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { Allow } from '../../auth/access.decorator';
import { QueryParams, AcceptsQuery } from '../../http/query-params';
import { ReadYourWrites } from '../../http/read-your-writes';
import { historyEntry } from '../history-entry';
import { prefers } from '../../http/accept';
import { assertMayAudit } from '../pledge-access';

const PAGE = 200;

const HISTORY_QUERY = ['fromRevision', 'limit', 'minPosition'];

@Controller('v1/pledges')
export class GetPledgeHistoryController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  /**
   * Every event of the pledge in order, with actor, correlation, causation and both hashes. JSON pages
   * by `fromRevision` and `limit` (default 100, at most 1000); `Accept: application/x-ndjson` streams
   * one event per line, page by page, without holding the stream in memory.
   */
  @Get(':id/history')
  @AcceptsQuery(HISTORY_QUERY)
  @Allow('participant', 'reviewer', 'admin')
  async history(
    @Param('id') pledgeId: string,
    @Query() query: Record<string, unknown>,
    @Req() request: FastifyRequest,
  ) {
    const params = new QueryParams(query, HISTORY_QUERY);
    const fromRevision = params.integer('fromRevision', 0, 1_000_000_000, 0);
    const streaming = prefers(request.headers.accept, 'application/x-ndjson');
    const limit = params.integer(
      'limit',
      1,
      streaming ? 1_000_000_000 : 1000,
      streaming ? 1_000_000_000 : 100,
    );
    await this.readYourWrites.reachLog(params);
    await assertMayAudit(this.store, pledgeId, request.principal!);
    if (streaming) {
      return new StreamableFile(Readable.from(this.lines(pledgeId, fromRevision, limit)), {
        type: 'application/x-ndjson',
      });
    }
    const events = await this.store.readStream(pledgeStream(pledgeId), {
      fromRevision,
      maxCount: limit + 1,
    });
    const page = events.slice(0, limit);
    return {
      pledgeId,
      events: page.map((event) => historyEntry(event)),
      ...(events.length > limit ? { nextFromRevision: fromRevision + limit } : {}),
    };
  }

  private async *lines(
    pledgeId: string,
    fromRevision: number,
    limit: number,
  ): AsyncGenerator<string> {
    let next = fromRevision;
    let left = limit;
    while (left > 0) {
      const events = await this.store.readStream(pledgeStream(pledgeId), {
        fromRevision: next,
        maxCount: Math.min(PAGE, left),
      });
      for (const event of events) yield `${JSON.stringify(historyEntry(event))}\n`;
      if (events.length < Math.min(PAGE, left)) return;
      next += events.length;
      left -= events.length;
    }
  }
}
