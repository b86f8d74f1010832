import { ProjectionOperations, Projector } from '@pact/projections';
import { Command, CommandRunner } from 'nest-commander';
import { print } from './cli-context';

@Command({
  name: 'projections:status',
  description: 'position, lag, status and dead letters of every projection',
})
export class ProjectionsStatusCommand extends CommandRunner {
  constructor(private readonly projector: Projector) {
    super();
  }
  async run(): Promise<void> {
    print(await this.projector.status());
  }
}

@Command({
  name: 'projections:rebuild',
  arguments: '<name>',
  description:
    'rebuild one projection from position 0, then swap it in (asked of the running projector when it runs elsewhere)',
})
export class ProjectionsRebuildCommand extends CommandRunner {
  constructor(
    private readonly projector: Projector,
    private readonly operations: ProjectionOperations,
  ) {
    super();
  }
  async run([name]: string[]): Promise<void> {
    const names = (await this.projector.status()).map((projection) => projection.name);
    if (!names.includes(name!))
      throw new Error(`No projection named ${name}; the projections are ${names.join(', ')}`);
    const operation = await this.operations.rebuild(name!);
    await this.projector.stop();
    print({ operation, projections: await this.projector.status() });
    if (operation.status === 'failed') process.exitCode = 1;
  }
}

@Command({
  name: 'projections:replay-dead-letters',
  description: 'after a fix: restart stopped projections, rebuild those that skipped events',
})
export class ProjectionsReplayCommand extends CommandRunner {
  constructor(
    private readonly projector: Projector,
    private readonly operations: ProjectionOperations,
  ) {
    super();
  }
  async run(): Promise<void> {
    const operation = await this.operations.replayDeadLetters();
    await this.projector.stop();
    print({
      replayed: operation.replayed ?? [],
      operation,
      projections: await this.projector.status(),
    });
    if (operation.status === 'failed') process.exitCode = 1;
  }
}
