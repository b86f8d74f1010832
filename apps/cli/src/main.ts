import 'reflect-metadata';
import { ConfigError, loadConfig } from '@pact/application';
import { CommandsModule } from '@pact/commands';
import { InfrastructureModule } from '@pact/infrastructure';
import { ReadSideModule } from '@pact/projections';
import {
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CommandFactory, InjectCommander } from 'nest-commander';
import { AuditVerifyCommand } from './commands/audit-verify.command';
import { DemoSeedCommand } from './commands/demo-seed/demo-seed.command';
import { EventsExportCommand } from './commands/events-export.command';
import { KeysCreateCommand, KeysRevokeCommand } from './commands/keys.command';
import {
  ProjectionsRebuildCommand,
  ProjectionsReplayCommand,
  ProjectionsStatusCommand,
} from './commands/projections.command';

/**
 * Help and errors name the program as it is run (`npm run cli --`), not after its file; and a
 * command given more arguments than it takes is refused (`audit:verify pledge-1` checked the whole
 * log and said nothing of the argument).
 */
@Injectable()
class ProgramName implements OnModuleInit, OnApplicationBootstrap {
  constructor(@InjectCommander() private readonly program: CommanderProgram) {}

  onModuleInit(): void {
    this.program.name('npm run cli --');
  }

  /**
   * After every module's set-up, so each command is registered by then. A command's own usage
   * errors (a missing or an extra argument) exit as the program's do.
   */
  onApplicationBootstrap(): void {
    for (const command of this.program.commands)
      command.allowExcessArguments(false).exitOverride(exitAfterUsageError);
  }
}

interface CommanderProgram {
  name(name: string): unknown;
  readonly commands: readonly CommanderCommand[];
}

interface CommanderCommand {
  allowExcessArguments(allow: boolean): CommanderCommand;
  exitOverride(callback: (error: { exitCode: number }) => never): CommanderCommand;
}

/** Commander has already written its message (or the help) by then: only the exit code is left. */
function exitAfterUsageError(error: { exitCode: number }): never {
  process.exit(error.exitCode === 0 ? 0 : 2);
}

@Module({})
class CliModule {
  static forRoot(argv: readonly string[]): DynamicModule {
    const loaded = loadConfig();
    // Seeding writes reproducible data as fast as it can; everything else keeps the configured safety.
    const config = {
      ...loaded,
      runProjector: false,
      runWorker: false,
      ...(argv[0] === 'demo:seed' ? { sqliteSynchronous: 'NORMAL' as const } : {}),
    };
    return {
      module: CliModule,
      imports: [
        InfrastructureModule.forRoot(config),
        ReadSideModule.forRoot(config),
        CqrsModule.forRoot(),
        CommandsModule,
      ],
      providers: [
        ProgramName,
        AuditVerifyCommand,
        DemoSeedCommand,
        EventsExportCommand,
        KeysCreateCommand,
        KeysRevokeCommand,
        ProjectionsRebuildCommand,
        ProjectionsReplayCommand,
        ProjectionsStatusCommand,
      ],
    };
  }
}

/**
 * `npm run cli -- <command>`: keys, projections, audit, export and demo data. With the embedded
 * read store, stop the server before the projections commands: one process owns the read models.
 */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  await CommandFactory.run(CliModule.forRoot(argv), {
    logger: ['error'],
    errorHandler: (error) =>
      exitAfterUsageError({ exitCode: 'exitCode' in error ? Number(error.exitCode) : 1 }),
    serviceErrorHandler: (error) => {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    },
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
