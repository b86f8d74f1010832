/** Stream names are `<category>-<uuid>`: EventStoreDB derives the category from the first `-`. */
export const organisationStream = (organisationId: string) => `organisation-${organisationId}`;
export const pledgeStream = (pledgeId: string) => `pledge-${pledgeId}`;
export const practiceStream = (practiceId: string) => `practice-${practiceId}`;
