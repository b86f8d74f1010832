import { deriveId, type CommandContext } from '@pact/application';
import {
  ActOnPledgeCommand,
  ActOnPracticeCommand,
  RegisterOrganisationCommand,
  ReportMilestoneCommand,
  SharePracticeCommand,
  SignPledgeCommand,
} from '@pact/commands';
import { organisationStream, type ImplementationLevel } from '@pact/domain';
import { EVENT_STORE, type EventStore } from '@pact/event-store';
import { Inject } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Command, CommandRunner, Option } from 'nest-commander';
import { print } from '../cli-context';
import {
  random,
  syntheticOrganisation,
  type SyntheticOrganisation,
} from './synthetic-organisation';

const DAY = 24 * 3600 * 1000;

interface SeedOptions {
  organisations: number;
  seed: number;
}

/**
 * A living registry for a newcomer: organisations with the programme's role mix, spread over member
 * states and sectors, pledges signed from September 2024 on, publications, milestones, reviews,
 * practices and a few withdrawals, each sent as a command through the CommandBus, as the API sends it.
 * The same seed gives the same registry; running it again adds nothing.
 */
@Command({ name: 'demo:seed', description: 'fill the registry with realistic synthetic data' })
export class DemoSeedCommand extends CommandRunner {
  constructor(
    private readonly commands: CommandBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {
    super();
  }

  async run(_args: string[], options: SeedOptions): Promise<void> {
    const started = Date.now();
    const next = random(options.seed);
    const until = new Date();
    const totals = {
      organisations: 0,
      skipped: 0,
      published: 0,
      milestones: 0,
      practices: 0,
      withdrawn: 0,
    };
    for (let index = 0; index < options.organisations; index++) {
      const organisation = syntheticOrganisation(next, index, until);
      const written = await this.write(organisation, options.seed, until);
      if (!written) {
        totals.skipped++;
        continue;
      }
      totals.organisations++;
      totals.published += written.published ? 1 : 0;
      totals.milestones += written.milestones;
      totals.practices += written.practice ? 1 : 0;
      totals.withdrawn += written.withdrawn ? 1 : 0;
      if ((index + 1) % 10_000 === 0)
        process.stderr.write(`${index + 1} of ${options.organisations} organisations\n`);
    }
    print({ ...totals, seconds: Math.round((Date.now() - started) / 100) / 10 });
  }

  /**
   * Undefined when the organisation is there already (a second run with the same seed). Every write
   * is a command through the CommandBus, handled as the API's requests are, at the story's instants.
   */
  private async write(o: SyntheticOrganisation, seed: number, until: Date) {
    const id = (...parts: (string | number)[]) => deriveId('demo', seed, o.index, ...parts);
    const context = (step: string, at: Date): CommandContext => ({
      commandId: id(step),
      actor: { keyId: 'demo-seed', role: 'system' },
      correlationId: id('story'),
      causationId: id(step),
      now: at,
    });
    const registration = context('register', new Date(o.signedAt.getTime() - DAY));
    // The organisation's id follows from the registration's command id, as for any registration.
    const organisationId = deriveId(registration.commandId, 'organisation');
    const [existing] = await this.store.readStream(organisationStream(organisationId), {
      maxCount: 1,
    });
    if (existing) return undefined;
    await this.commands.execute(
      new RegisterOrganisationCommand(
        {
          name: o.name,
          country: o.country,
          sector: o.sector,
          size: o.size,
          roles: o.roles,
          contact: o.contact,
        },
        registration,
      ),
    );
    const targetDate = new Date(o.signedAt.getTime() + 365 * DAY).toISOString().slice(0, 10);
    const codes = [
      'ai-governance-strategy',
      'high-risk-mapping',
      'ai-literacy',
      ...o.additionalCommitments,
    ];
    const { pledgeId } = await this.commands.execute(
      new SignPledgeCommand(
        organisationId,
        { name: o.contact.name, position: 'Chief Executive Officer' },
        codes.map((code) => ({
          code,
          actions: [
            {
              description: `Put ${code.replace(/-/g, ' ')} in place`,
              status: 'planned' as const,
              targetDate,
            },
          ],
        })),
        context('sign', o.signedAt),
      ),
    );
    const onPledge = (command: ActOnPledgeCommand['command'], step: string, at: Date) =>
      this.commands.execute(new ActOnPledgeCommand(pledgeId, command, context(step, at)));
    const publishedAt = new Date(o.signedAt.getTime() + 14 * DAY);
    const published = o.published && publishedAt < until;
    if (published)
      await onPledge(
        { type: 'PublishPledge', data: { publishedAt: publishedAt.toISOString() } },
        'publish',
        publishedAt,
      );
    let milestones = 0;
    for (const [n, milestone] of o.milestones.entries()) {
      if (o.withdrawnAt && milestone.at >= o.withdrawnAt) break;
      const { milestoneId } = await this.commands.execute(
        new ReportMilestoneCommand(
          pledgeId,
          {
            commitmentCode: milestone.code,
            summary: `Progress on ${milestone.code.replace(/-/g, ' ')}`,
            actionUpdates: [],
            evidenceUrls: [],
          },
          context(`milestone-${n}`, milestone.at),
        ),
      );
      milestones++;
      const reviewedAt = new Date(milestone.at.getTime() + 3 * DAY);
      if (
        milestone.reviewed &&
        reviewedAt < until &&
        !(o.withdrawnAt && reviewedAt >= o.withdrawnAt)
      )
        await onPledge(
          {
            type: 'ReviewMilestone',
            data: {
              milestoneId,
              outcome: n % 4 === 3 ? 'clarification-requested' : 'accepted',
              comment: n % 4 === 3 ? 'Please add evidence' : 'Clear and complete',
              reviewedAt: reviewedAt.toISOString(),
            },
          },
          `review-${n}`,
          reviewedAt,
        );
    }
    if (o.practice) {
      const sharedAt = new Date(o.signedAt.getTime() + 30 * DAY);
      if (sharedAt < until) {
        const { practiceId } = await this.commands.execute(
          new SharePracticeCommand(
            organisationId,
            {
              title: `How ${o.name} approaches ${o.practice.category.replace(/-/g, ' ')}`,
              summary: 'What we did, what worked, and what we would do differently.',
              body: 'A short write-up of the practice, its steps and its results.',
              category: o.practice.category,
              implementationLevel: o.practice.implementationLevel as ImplementationLevel,
              tags: [o.practice.category],
              language: 'en',
              publicationConsent: true,
            },
            context('practice', sharedAt),
          ),
        );
        const practicePublishedAt = new Date(sharedAt.getTime() + 7 * DAY);
        if (o.practice.published && practicePublishedAt < until)
          await this.commands.execute(
            new ActOnPracticeCommand(
              practiceId,
              { type: 'PublishPractice', data: { publishedAt: practicePublishedAt.toISOString() } },
              context('practice-publish', practicePublishedAt),
            ),
          );
      }
    }
    const withdrawn = o.withdrawnAt !== undefined && o.withdrawnAt < until;
    if (withdrawn)
      await onPledge(
        {
          type: 'WithdrawPledge',
          data: { reason: 'Strategic refocus', withdrawnAt: o.withdrawnAt.toISOString() },
        },
        'withdraw',
        o.withdrawnAt,
      );
    return { published, milestones, practice: o.practice !== undefined, withdrawn };
  }

  @Option({
    flags: '--organisations <n>',
    description: 'how many organisations',
    defaultValue: 1000,
  })
  parseOrganisations(value: string): number {
    if (!/^\d{1,7}$/.test(value)) throw new Error('--organisations must be a whole number');
    return Number(value);
  }

  @Option({
    flags: '--seed <n>',
    description: 'the same seed gives the same registry',
    defaultValue: 1,
  })
  parseSeed(value: string): number {
    if (!/^\d{1,9}$/.test(value)) throw new Error('--seed must be a whole number');
    return Number(value);
  }
}
