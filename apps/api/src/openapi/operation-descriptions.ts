/** The document's tags, in the order a reader meets them. */
export const TAGS = [
  {
    name: 'Organisations',
    description: 'Registration, profile, contact erasure and reporting prompts of an organisation',
  },
  {
    name: 'Pledges',
    description:
      'Signing a pledge, adding commitments, reporting milestones, publication, review and withdrawal',
  },
  {
    name: 'Practices',
    description: 'Practices shared by the network: sharing, revision, publication and the library',
  },
  {
    name: 'Registry and analytics',
    description:
      'Projected views: the registry of pledges, uptake and reporting figures, the review queue',
  },
  {
    name: 'Audit',
    description:
      'The hash-chained history of a pledge or an organisation, its verification and comparison',
  },
  {
    name: 'AI Act timeline',
    description:
      'The dates from which AI Act provisions apply, per version of the law, and recording an amendment',
  },
  { name: 'API keys', description: 'Issuing and revoking API keys (admins)' },
  { name: 'Operations', description: 'Health, metrics, projections and prompt deliveries' },
] as const;

type Tag = (typeof TAGS)[number]['name'];

/** Each operation's tag and description, by operation id (`<Controller>_<method>`). */
export const OPERATIONS: Record<string, { tag: Tag; description: string }> = {
  RegisterOrganisation_register: {
    tag: 'Organisations',
    description:
      'Registers an organisation and answers its participant API key and webhook secret, each shown this once. Rate limited per address.',
  },
  GetOrganisation_get: {
    tag: 'Organisations',
    description:
      "The organisation's profile with its contact, for its participants, reviewers and admins.",
  },
  ChangeOrganisationDetails_change: {
    tag: 'Organisations',
    description:
      'Changes some fields of the profile; the change is recorded with only the fields that differ. Asking for what already is records nothing and answers with the current revision and position (a retry is safe); a body that names no field is a 400.',
  },
  ErasePersonalData_erase: {
    tag: 'Organisations',
    description:
      "Makes the organisation's contact data unreadable everywhere, history included, without breaking the hash chain.",
  },
  FindPrompts_find: {
    tag: 'Organisations',
    description: 'The reporting prompts the organisation received, newest first.',
  },
  FindPrompts_notices: {
    tag: 'Organisations',
    description:
      "The AI Act timeline notices the organisation's pledges received, newest first: which dates moved and which actions they concern.",
  },
  SignPledge_sign: {
    tag: 'Pledges',
    description:
      "Signs the organisation's pledge: the three core commitments and any role-specific ones, each with dated actions. 409 once the organisation has a live pledge, or after the signing cut-off (SIGNING_CLOSES_AT) when one is set.",
  },
  GetPledge_get: {
    tag: 'Pledges',
    description:
      'The pledge folded from its events; published pledges for anyone, and as it was at an instant or revision for its owner and staff.',
  },
  AddCommitment_add: {
    tag: 'Pledges',
    description: 'Adds one more commitment (an incremental objective) with its actions.',
  },
  ReportMilestone_report: {
    tag: 'Pledges',
    description:
      'Reports a milestone on a commitment, counted toward the earliest incomplete reporting cycle.',
  },
  ReviewMilestone_review: {
    tag: 'Pledges',
    description: 'Accepts a milestone or asks for clarification.',
  },
  PublishPledge_publish: {
    tag: 'Pledges',
    description: 'Publishes the pledge in the public registry.',
  },
  WithdrawPledge_withdraw: {
    tag: 'Pledges',
    description:
      'Withdraws the pledge for good: it accepts no further command and its prompts stop.',
  },
  SharePractice_share: {
    tag: 'Practices',
    description:
      'Shares a practice; it is published only with its owner’s consent and a reviewer’s acceptance.',
  },
  FindPractices_find: {
    tag: 'Practices',
    description:
      'The practices library: published practices for anyone, every practice not withdrawn for key holders.',
  },
  GetPractice_get: {
    tag: 'Practices',
    description: 'One practice, visible as the library shows it.',
  },
  RevisePractice_revise: {
    tag: 'Practices',
    description:
      'Changes some fields of a practice (a published one goes back to review). Asking for what already is records nothing and answers with the current revision and position; a body that names no field is a 400.',
  },
  PublishPractice_publish: {
    tag: 'Practices',
    description: 'Publishes a practice whose owner consented.',
  },
  RejectPractice_reject: { tag: 'Practices', description: 'Rejects a practice, with the reason.' },
  WithdrawPractice_withdraw: { tag: 'Practices', description: 'Withdraws a practice.' },
  FindRegistryPledges_find: {
    tag: 'Registry and analytics',
    description:
      'The registry of pledges, filtered and sorted; published pledges without contact data for anyone, all pledges for staff.',
  },
  GetSummary_summary: {
    tag: 'Registry and analytics',
    description: 'Uptake and reporting figures of the whole registry.',
  },
  GetSignatures_signatures: {
    tag: 'Registry and analytics',
    description: 'Signatures and withdrawals per month or year.',
  },
  GetProvisions_provisions: {
    tag: 'Registry and analytics',
    description:
      'Per AI Act provision, the actions planned before and after the date it applies from, under the timeline in force and the version before.',
  },
  GetTimeline_get: {
    tag: 'AI Act timeline',
    description:
      'Each provision with the date it applies from under the timeline in force, and every known version with its changes.',
  },
  RecordTimelineVersion_record: {
    tag: 'AI Act timeline',
    description:
      'Records an amendment of the timeline (admins); its date changes are computed against the version before, and the pledges concerned are notified.',
  },
  FindReviewQueue_find: {
    tag: 'Registry and analytics',
    description: 'Milestone reports for reviewers, oldest first.',
  },
  GetPledgeHistory_history: {
    tag: 'Audit',
    description:
      'Every event of the pledge as stored, with actor, correlation and causation ids and both hashes; JSON pages or NDJSON.',
  },
  VerifyPledgeHistory_verify: {
    tag: 'Audit',
    description: "Recomputes the pledge's hash chain and checks it against the latest sealed head.",
  },
  DiffPledgeHistory_diff: {
    tag: 'Audit',
    description: 'What changed between two revisions of the pledge, and through which events.',
  },
  GetOrganisationHistory_history: {
    tag: 'Audit',
    description: 'Every event of the organisation and its pledges, in log order.',
  },
  SealStreamHeads_seal: {
    tag: 'Audit',
    description:
      'Records the head of every stream now, authenticated, so a history cut short is detected.',
  },
  IssueApiKey_issue: {
    tag: 'API keys',
    description:
      'Issues a key for a role (participant keys for one organisation); the key is in this answer only.',
  },
  FindApiKeys_find: {
    tag: 'API keys',
    description:
      'Issued keys, newest first, revoked and expired ones too, by organisation or role; never a secret.',
  },
  RevokeApiKey_revoke: {
    tag: 'API keys',
    description: 'Revokes a key: it answers 401 from then on.',
  },
  Health_check: {
    tag: 'Operations',
    description: 'Whether the app serves: event store, read store, projections, reminders.',
  },
  Health_ready: { tag: 'Operations', description: 'Readiness: the same checks as /health.' },
  Health_live: { tag: 'Operations', description: 'Liveness: answers while the process does.' },
  Metrics_metrics: { tag: 'Operations', description: 'Prometheus metrics of this process.' },
  Projections_status: {
    tag: 'Operations',
    description: 'Position, lag and dead letters of every projection.',
  },
  Projections_rebuild: {
    tag: 'Operations',
    description: 'Rebuilds one projection beside the live one, then swaps it in.',
  },
  Projections_replay: {
    tag: 'Operations',
    description: 'Retries projections stopped on an event, after a fix.',
  },
  Projections_operation: {
    tag: 'Operations',
    description:
      'A rebuild or replay queued for the process that runs the projections, as it stands (pending, done or failed).',
  },
  Deliveries_list: {
    tag: 'Operations',
    description: 'Prompt deliveries by status; dead ones used up their retries.',
  },
  Deliveries_retry: {
    tag: 'Operations',
    description: 'Puts a dead delivery back on the queue with fresh retries.',
  },
};
