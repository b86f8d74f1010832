import type { Clock } from '@pact/application';
import type { Command } from '@nestjs/cqrs';
import type { DeliveryQueue } from '../delivery/delivery-queue';
import type { PledgeReminders } from './pledge-reminders';
import { MarkNonReportingCommand, SendReportingPromptCommand } from './reminder-commands';
import type { ReminderJob } from './reminder-jobs';
import type { ReminderLedger } from './reminder-ledger';
import type { ReminderOutcome, ReminderProcessorOptions } from './reminder-outcome';

/** What sends a command to its one handler: the app's CommandBus. */
export interface CommandSender {
  execute<R>(command: Command<R>): Promise<R>;
}

/**
 * Runs reminder jobs. A prompt or a non-reporting mark is a command, sent through the CommandBus to
 * its handler (`reminder-commands.ts`), which re-reads the pledge and appends through the pledge
 * decider; a sweep puts back, from the event store, the jobs Redis lacks.
 */
export class ReminderProcessor {
  constructor(
    private readonly commands: CommandSender,
    private readonly reminders: PledgeReminders,
    private readonly deliveries: DeliveryQueue,
    private readonly ledger: ReminderLedger,
    private readonly clock: Clock,
    private readonly options: Pick<ReminderProcessorOptions, 'sweepIntervalMs'>,
  ) {}

  async process(job: ReminderJob): Promise<ReminderOutcome> {
    switch (job.kind) {
      case 'prompt':
        return this.commands.execute(new SendReportingPromptCommand(job));
      case 'non-reporting':
        return this.commands.execute(new MarkNonReportingCommand(job));
      case 'sweep':
        return this.sweep();
      default:
        return job satisfies never;
    }
  }

  /** Restores, from the event store, every job due within the next sweep interval that Redis lacks. */
  private async sweep(): Promise<ReminderOutcome> {
    const until = this.clock.now().getTime() + this.options.sweepIntervalMs;
    let pledges = 0;
    let after = '';
    for (;;) {
      const ids = await this.ledger.pledgesDueBy(until, 500, after);
      if (ids.length === 0) break;
      await this.reminders.scheduleMany(new Map(ids.map((id) => [id, false])), until);
      pledges += ids.length;
      after = ids.at(-1)!;
    }
    return { kind: 'swept', pledges, deliveries: await this.deliveries.restore() };
  }
}
