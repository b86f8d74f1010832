import { Module } from '@nestjs/common';
import { IssueApiKeyHandler } from './api-keys/issue-api-key.handler';
import { RevokeApiKeyHandler } from './api-keys/revoke-api-key.handler';
import { ChangeOrganisationDetailsHandler } from './organisations/change-organisation-details.handler';
import { ErasePersonalDataHandler } from './organisations/erase-personal-data.handler';
import { RegisterOrganisationHandler } from './organisations/register-organisation.handler';
import { ActOnPledgeHandler } from './pledges/act-on-pledge';
import { AddCommitmentHandler } from './pledges/add-commitment.handler';
import { PledgeStates } from './pledges/pledge-states';
import { ReportMilestoneHandler } from './pledges/report-milestone.handler';
import { SignPledgeHandler } from './pledges/sign-pledge.handler';
import { ActOnPracticeHandler } from './practices/act-on-practice';
import { SharePracticeHandler } from './practices/share-practice.handler';
import { RecordTimelineVersionHandler } from './timeline/record-timeline-version.handler';

/**
 * One handler per command: what happens when something is commanded has one answer, whoever sends
 * it through the CommandBus (the API, the pages, the CLI, the demo seed). Needs `CqrsModule.forRoot()`
 * and the infrastructure module (event store, key and secret stores, configuration) in the app.
 */
@Module({
  providers: [
    PledgeStates,
    RegisterOrganisationHandler,
    ChangeOrganisationDetailsHandler,
    ErasePersonalDataHandler,
    SignPledgeHandler,
    AddCommitmentHandler,
    ReportMilestoneHandler,
    ActOnPledgeHandler,
    SharePracticeHandler,
    ActOnPracticeHandler,
    IssueApiKeyHandler,
    RevokeApiKeyHandler,
    RecordTimelineVersionHandler,
  ],
  // Reads of a pledge's current state (the API's and the pages') catch up from the states kept.
  exports: [PledgeStates],
})
export class CommandsModule {}
