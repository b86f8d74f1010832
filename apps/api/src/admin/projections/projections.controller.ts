import { PROJECTIONS, ProjectionOperations, Projector, type Projection } from '@pact/projections';
import { READ_STORE, type ProjectionOperation, type ReadStore } from '@pact/read-store';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Allow } from '../../auth/access.decorator';
import { notFound, problem, ProblemException } from '../../http/problem';
import { EmptyDto } from '../../http/empty.dto';

@Controller('v1/admin/projections')
export class ProjectionsController {
  constructor(
    private readonly projector: Projector,
    @Inject(READ_STORE) private readonly store: ReadStore,
    @Inject(PROJECTIONS) private readonly projections: Projection[],
    private readonly operations: ProjectionOperations,
  ) {}

  /** Position, lag and dead letters of every projection. */
  @Get()
  @Allow('admin')
  async status() {
    return {
      projections: await this.projector.status(),
      deadLetters: await this.store.deadLetters(),
    };
  }

  /**
   * Rebuilds one projection from position 0 while the current collections keep serving. The process
   * that runs the projections does it; asked elsewhere, the request waits for it (202 with the
   * operation when it takes longer than the wait).
   */
  @Post(':name/rebuild')
  @Allow('admin')
  @HttpCode(200)
  async rebuild(
    @Param('name') name: string,
    @Body() _body: EmptyDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (!this.projections.some((p) => p.name === name))
      throw notFound(`No projection named ${name}`);
    return this.answer(await this.operations.rebuild(name), reply);
  }

  /** After a fix: restarts stopped projections at their failed event, rebuilds those that skipped events. */
  @Post('dead-letters/replay')
  @Allow('admin')
  @HttpCode(200)
  async replay(@Body() _body: EmptyDto, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.answer(await this.operations.replayDeadLetters(), reply);
  }

  /** An operation queued for the running projector, as it stands. */
  @Get('operations/:id')
  @Allow('admin')
  async operation(@Param('id') id: string) {
    const found = await this.operations.find(id);
    if (!found) throw notFound(`No projection operation ${id}`);
    return found;
  }

  private async answer(operation: ProjectionOperation, reply: FastifyReply) {
    if (operation.status === 'failed')
      throw new ProblemException(
        problem(500, `The ${operation.kind} failed: ${operation.error ?? 'unknown error'}`),
      );
    if (operation.status === 'pending') {
      void reply.status(202).header('location', `/v1/admin/projections/operations/${operation.id}`);
      return { operation };
    }
    return {
      ...(operation.replayed ? { replayed: operation.replayed } : {}),
      operation,
      projections: await this.projector.status(),
    };
  }
}
