import { deriveId, type CommandContext, written, type CommandResult } from '@pact/application';
import type { ActionUpdate } from '@pact/domain';
import { EVENT_STORE, type EventStore } from '@pact/event-store';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { actOnPledge } from './act-on-pledge';
import { PledgeStates } from './pledge-states';

export class ReportMilestoneCommand extends Command<ReportMilestoneResult> {
  constructor(
    readonly pledgeId: string,
    readonly report: {
      readonly commitmentCode: string;
      readonly summary: string;
      readonly actionUpdates: readonly ActionUpdate[];
      readonly evidenceUrls: readonly string[];
    },
    readonly context: CommandContext,
  ) {
    super();
  }
}

export type ReportMilestoneResult = CommandResult & { milestoneId: string; cycle: number };

@CommandHandler(ReportMilestoneCommand)
export class ReportMilestoneHandler implements ICommandHandler<
  ReportMilestoneCommand,
  ReportMilestoneResult
> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly states: PledgeStates,
  ) {}

  async execute({
    pledgeId,
    report,
    context,
  }: ReportMilestoneCommand): Promise<ReportMilestoneResult> {
    const milestoneId = deriveId(context.commandId, 'milestone');
    const result = await actOnPledge(
      this.store,
      this.states,
      pledgeId,
      {
        type: 'ReportMilestone',
        data: { milestoneId, ...report, reportedAt: context.now.toISOString() },
      },
      context,
    );
    const reported = result.events.find((e) => e.type === 'MilestoneReported');
    const cycle = reported?.type === 'MilestoneReported' ? reported.data.cycle : 0;
    return { milestoneId, cycle, ...written(result) };
  }
}
