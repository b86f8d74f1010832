import { CommandsModule } from '@pact/commands';
import type { AppConfig } from '@pact/application';
import {
  createLogger,
  InfrastructureModule,
  loggingModule,
  RedisKeyPrefix,
  type InfrastructureOptions,
} from '@pact/infrastructure';
import type { Logger as PinoLogger } from 'pino';
import { ReadSideModule } from '@pact/projections';
import { RemindersModule } from '@pact/reminders';
import {
  Inject,
  Injectable,
  Module,
  type DynamicModule,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { FindApiKeysController } from './api-keys/find-api-keys/find-api-keys.controller';
import { IssueApiKeyController } from './api-keys/issue-api-key/issue-api-key.controller';
import { RevokeApiKeyController } from './api-keys/revoke-api-key/revoke-api-key.controller';
import { ErrorsFilter } from './web/kit/errors.filter';
import { ApiKeyGuard } from './auth/api-key.guard';
import { Authenticator } from './auth/authenticator';
import { DeliveriesController } from './admin/deliveries/deliveries.controller';
import { MetricsController } from './metrics/metrics.controller';
import { ErasePersonalDataController } from './organisations/erase-personal-data/erase-personal-data.controller';
import { HealthController } from './health/health.controller';
import { CommandRequestInterceptor } from './http/command-request.interceptor';
import { StrictValidationPipe } from './http/validation.pipe';
import { ChangeOrganisationDetailsController } from './organisations/change-organisation-details/change-organisation-details.controller';
import { FindPromptsController } from './organisations/find-prompts/find-prompts.controller';
import { GetOrganisationController } from './organisations/get-organisation/get-organisation.controller';
import { RegisterOrganisationController } from './organisations/register-organisation/register-organisation.controller';
import { AddCommitmentController } from './pledges/add-commitment/add-commitment.controller';
import { GetPledgeController } from './pledges/get-pledge/get-pledge.controller';
import { PublishPledgeController } from './pledges/publish-pledge/publish-pledge.controller';
import { ReportMilestoneController } from './pledges/report-milestone/report-milestone.controller';
import { ReviewMilestoneController } from './pledges/review-milestone/review-milestone.controller';
import { SignPledgeController } from './pledges/sign-pledge/sign-pledge.controller';
import { WithdrawPledgeController } from './pledges/withdraw-pledge/withdraw-pledge.controller';
import { GetPracticeController } from './practices/get-practice/get-practice.controller';
import { PublishPracticeController } from './practices/publish-practice/publish-practice.controller';
import { RejectPracticeController } from './practices/reject-practice/reject-practice.controller';
import { RevisePracticeController } from './practices/revise-practice/revise-practice.controller';
import { SharePracticeController } from './practices/share-practice/share-practice.controller';
import { WithdrawPracticeController } from './practices/withdraw-practice/withdraw-practice.controller';
import { FindPracticesController } from './practices/find-practices/find-practices.controller';
import { FindRegistryPledgesController } from './registry/find-registry-pledges/find-registry-pledges.controller';
import { GetSummaryController } from './analytics/get-summary/get-summary.controller';
import { GetSignaturesController } from './analytics/get-signatures/get-signatures.controller';
import { GetProvisionsController } from './analytics/get-provisions/get-provisions.controller';
import { FindReviewQueueController } from './reviews/find-review-queue/find-review-queue.controller';
import { ProjectionsController } from './admin/projections/projections.controller';
import { DiffPledgeHistoryController } from './audit/diff-pledge-history/diff-pledge-history.controller';
import { GetOrganisationHistoryController } from './audit/get-organisation-history/get-organisation-history.controller';
import { GetPledgeHistoryController } from './audit/get-pledge-history/get-pledge-history.controller';
import { SealStreamHeadsController } from './audit/seal-stream-heads/seal-stream-heads.controller';
import { VerifyPledgeHistoryController } from './audit/verify-pledge-history/verify-pledge-history.controller';
import { GetTimelineController } from './timeline/get-timeline.controller';
import { RecordTimelineVersionController } from './timeline/record-timeline-version.controller';
import { RedisRateCounter, type RateCounter } from './http/rate-limit/rate-counter';
import { RATE_COUNTER, RateLimitGuard } from './http/rate-limit/rate-limit.guard';
import { ReadYourWrites } from './http/read-your-writes';
import { PledgeChain } from './audit/verify-pledge-history/pledge-chain';
import { WEB_PAGES, WEB_PROVIDERS } from './web/web-pages';

@Injectable()
class RateCounterLifecycle implements OnApplicationShutdown {
  constructor(@Inject(RATE_COUNTER) private readonly counter: RateCounter) {}
  onApplicationShutdown(): void {
    this.counter.close();
  }
}

@Module({})
export class ApiModule {
  static forRoot(
    config: AppConfig,
    options: InfrastructureOptions & { readonly logger?: PinoLogger } = {},
  ): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        loggingModule(options.logger ?? createLogger()),
        InfrastructureModule.forRoot(config, options),
        ReadSideModule.forRoot(config),
        RemindersModule.forRoot(config),
        CqrsModule.forRoot(),
        CommandsModule,
        TerminusModule,
      ],
      controllers: [
        HealthController,
        IssueApiKeyController,
        FindApiKeysController,
        RevokeApiKeyController,
        RegisterOrganisationController,
        GetOrganisationController,
        ChangeOrganisationDetailsController,
        SignPledgeController,
        GetPledgeController,
        AddCommitmentController,
        ReportMilestoneController,
        ReviewMilestoneController,
        PublishPledgeController,
        WithdrawPledgeController,
        SharePracticeController,
        GetPracticeController,
        RevisePracticeController,
        PublishPracticeController,
        RejectPracticeController,
        WithdrawPracticeController,
        FindPracticesController,
        FindRegistryPledgesController,
        GetSummaryController,
        GetSignaturesController,
        GetProvisionsController,
        FindReviewQueueController,
        ProjectionsController,
        GetTimelineController,
        RecordTimelineVersionController,
        GetPledgeHistoryController,
        VerifyPledgeHistoryController,
        DiffPledgeHistoryController,
        GetOrganisationHistoryController,
        SealStreamHeadsController,
        FindPromptsController,
        DeliveriesController,
        ErasePersonalDataController,
        MetricsController,
        ...WEB_PAGES,
      ],
      providers: [
        Authenticator,
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        // After the key guard, which tells anonymous callers from key holders.
        { provide: APP_GUARD, useClass: RateLimitGuard },
        {
          provide: RATE_COUNTER,
          useFactory: async (prefix: RedisKeyPrefix) =>
            RedisRateCounter.connect(config.redisUrl, await prefix.get()),
          inject: [RedisKeyPrefix],
        },
        RateCounterLifecycle,
        { provide: APP_INTERCEPTOR, useClass: CommandRequestInterceptor },
        { provide: APP_PIPE, useClass: StrictValidationPipe },
        // One instance: the filter Fastify's own errors are also answered by (createApp).
        ErrorsFilter,
        { provide: APP_FILTER, useExisting: ErrorsFilter },
        ReadYourWrites,
        PledgeChain,
        ...WEB_PROVIDERS,
      ],
    };
  }
}
