import { PROJECTIONS, Projector, type Projection } from '@pact/projections';
import { READ_STORE, type ReadStore } from '@pact/read-store';
import { Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { Allow } from '../../auth/access.decorator';
import { notFound } from '../../http/problem';

@Controller('v1/admin/projections')
export class ProjectionsController {
  constructor(
    private readonly projector: Projector,
    @Inject(READ_STORE) private readonly store: ReadStore,
    @Inject(PROJECTIONS) private readonly projections: Projection[],
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

  /** Rebuilds one projection from position 0 while the current collections keep serving. */
  @Post(':name/rebuild')
  @Allow('admin')
  @HttpCode(200)
  async rebuild(@Param('name') name: string) {
    if (!this.projections.some((p) => p.name === name))
      throw notFound(`No projection named ${name}`);
    await this.projector.rebuild(name);
    return { projections: await this.projector.status() };
  }

  /** After a fix: restarts stopped projections at their failed event, rebuilds those that skipped events. */
  @Post('dead-letters/replay')
  @Allow('admin')
  @HttpCode(200)
  async replay() {
    const replayed = await this.projector.replayDeadLetters();
    return { replayed, projections: await this.projector.status() };
  }
}
