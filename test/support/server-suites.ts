/** The servers that cannot run on the build machine, and an address that shows the form of each. */
const EXAMPLES = {
  KURRENTDB_URL: 'kurrentdb://localhost:2113?tls=false',
  MONGODB_URL: 'mongodb://localhost:27017/?replicaSet=rs0',
} as const;

/**
 * Declares `suites` against the server the variable points at. Without one, the suites are
 * skipped loudly: a skipped test naming what did not run, and a line on stderr saying how to run it.
 */
export function onServer(
  variable: keyof typeof EXAMPLES,
  what: string,
  suites: (url: string) => void,
): void {
  const url = process.env[variable];
  if (url) return suites(url);
  describe(what, () => {
    it.skip(`SKIPPED: ${variable} is not set, so ${what} did not run`, () => undefined);
  });
  process.stderr.write(
    `\nSKIPPED ${what}: set ${variable} (for example ${EXAMPLES[variable]}) to run it against a server.\n`,
  );
}
