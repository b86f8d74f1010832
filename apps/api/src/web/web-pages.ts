import { AdminPage } from './admin/admin.page';
import { AnalyticsPage } from './analytics/analytics.page';
import { AuditPage } from './audit/audit.page';
import { HomePage } from './home/home.page';
import { JoinPage } from './join/join.page';
import { NotFoundPage } from './not-found/not-found.page';
import { PageCommands } from './kit/page-commands';
import { OpenDataPage } from './open-data/open-data.page';
import { PledgePage } from './pledge/pledge.page';
import { PracticesPage } from './practices/practices.page';
import { RegistryPage } from './registry/registry.page';
import { ReviewPage } from './review/review.page';
import { WebSessions } from './session/web-sessions';
import { SignInPage } from './sign-in/sign-in.page';
import { WorkspacePage } from './workspace/workspace.page';

/** The pages' controllers; the audit page comes before the pledge page so its longer routes win. */
export const WEB_PAGES = [
  HomePage,
  SignInPage,
  JoinPage,
  RegistryPage,
  AuditPage,
  PledgePage,
  WorkspacePage,
  ReviewPage,
  PracticesPage,
  AnalyticsPage,
  OpenDataPage,
  AdminPage,
  // Last: it answers only what no other route does.
  NotFoundPage,
];

export const WEB_PROVIDERS = [WebSessions, PageCommands];
