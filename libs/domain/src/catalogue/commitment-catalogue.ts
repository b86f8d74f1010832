import type { Role } from '../shared/values';
import data from './ai-pact-commitments.json';

export type CommitmentTier = 'core' | 'additional';

/** One commitment of the pledge. `code` is this registry's own identifier, not the pledge text's. */
export interface CatalogueEntry {
  readonly code: string;
  readonly tier: CommitmentTier;
  /** `all` for the core commitments every pledge holds; otherwise the role it belongs to. */
  readonly role: 'all' | Role;
  readonly title: string;
  readonly description: string;
  /** AI Act provisions (ids of the timeline's provisions) the commitment prepares for. */
  readonly implements: readonly string[];
  /** Provisions it bears on without implementing them, such as one binding only some participants. */
  readonly related: readonly string[];
}

export interface CommitmentCatalogue {
  readonly version: string;
  readonly entries: readonly CatalogueEntry[];
  find(code: string): CatalogueEntry | undefined;
  coreCodes(): string[];
}

export function createCatalogue(
  version: string,
  entries: readonly CatalogueEntry[],
): CommitmentCatalogue {
  const byCode = new Map(entries.map((entry) => [entry.code, entry]));
  return {
    version,
    entries,
    find: (code) => byCode.get(code),
    coreCodes: () => entries.filter((entry) => entry.tier === 'core').map((entry) => entry.code),
  };
}

/** The catalogue shipped with the product, loaded from the reference data file. */
export const commitmentCatalogue: CommitmentCatalogue = createCatalogue(
  data.catalogueVersion,
  data.commitments as CatalogueEntry[],
);
