import { commitmentCatalogue, IMPLEMENTATION_LEVELS, type Role } from '@pact/domain';

/** A small, seedable PRNG (mulberry32): the same seed gives the same registry. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weighted<T>(next: () => number, choices: readonly (readonly [T, number])[]): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0);
  let pick = next() * total;
  for (const [value, weight] of choices) {
    pick -= weight;
    if (pick < 0) return value;
  }
  return choices.at(-1)![0];
}

// Role mix as the programme reports it: about 63% both, 18% deployer only, 14% provider only.
const ROLE_MIX = [
  [['provider', 'deployer'], 63],
  [['deployer'], 18],
  [['provider'], 14],
] as const satisfies readonly (readonly [readonly Role[], number])[];

// Member states, weighted roughly by the size of their AI sectors.
const COUNTRIES = [
  ['DE', 18],
  ['FR', 15],
  ['IT', 10],
  ['ES', 9],
  ['NL', 8],
  ['BE', 5],
  ['SE', 4],
  ['PL', 4],
  ['AT', 3],
  ['IE', 3],
  ['DK', 3],
  ['FI', 3],
  ['PT', 2],
  ['CZ', 2],
  ['GR', 2],
  ['RO', 2],
  ['HU', 1],
  ['LU', 1],
  ['EE', 1],
  ['SI', 1],
  ['SK', 1],
  ['LT', 1],
  ['LV', 1],
  ['HR', 1],
  ['BG', 1],
  ['CY', 1],
  ['MT', 1],
] as const;
// NACE sections: information and communication, professional services, finance and manufacturing lead.
const SECTORS = [
  ['J', 30],
  ['M', 15],
  ['K', 12],
  ['C', 10],
  ['Q', 6],
  ['G', 5],
  ['H', 4],
  ['N', 4],
  ['P', 4],
  ['D', 3],
  ['O', 3],
  ['F', 2],
  ['L', 1],
  ['R', 1],
] as const;
const SIZES = [
  ['micro', 15],
  ['small', 25],
  ['medium', 25],
  ['large', 35],
] as const;
const NAMES = [
  'Nova',
  'Aurora',
  'Vector',
  'Helix',
  'Lumen',
  'Quanta',
  'Atlas',
  'Cobalt',
  'Iris',
  'Delta',
];
const SUFFIXES = ['AI', 'Analytics', 'Systems', 'Labs', 'Robotics', 'Data', 'Health', 'Mobility'];
const FORMS: Record<string, string> = {
  DE: 'GmbH',
  FR: 'SAS',
  IT: 'S.p.A.',
  ES: 'S.L.',
  NL: 'B.V.',
};

export interface SyntheticOrganisation {
  readonly index: number;
  readonly name: string;
  readonly country: string;
  readonly sector: string;
  readonly size: 'micro' | 'small' | 'medium' | 'large';
  readonly roles: readonly Role[];
  readonly contact: { readonly name: string; readonly email: string };
  readonly signedAt: Date;
  readonly additionalCommitments: readonly string[];
  readonly published: boolean;
  /** Milestones over the months after signature: commitment codes and when. */
  readonly milestones: readonly { code: string; at: Date; reviewed: boolean }[];
  readonly practice?: { category: string; implementationLevel: string; published: boolean };
  readonly withdrawnAt?: Date;
}

const FIRST_SIGNATURE = Date.parse('2024-09-25T09:00:00Z');
const LAST_SIGNATURE = Date.parse('2026-10-31T17:00:00Z');
const DAY = 24 * 3600 * 1000;

/** One organisation's story, drawn from the mix of the real programme. */
export function syntheticOrganisation(
  next: () => number,
  index: number,
  until: Date,
): SyntheticOrganisation {
  const country = weighted(next, COUNTRIES);
  const roles = weighted<readonly Role[]>(next, ROLE_MIX);
  const name = `${NAMES[Math.floor(next() * NAMES.length)]} ${SUFFIXES[Math.floor(next() * SUFFIXES.length)]} ${index + 1} ${FORMS[country] ?? 'Ltd'}`;
  const signedAt = new Date(FIRST_SIGNATURE + next() * (LAST_SIGNATURE - FIRST_SIGNATURE));
  const eligible = commitmentCatalogue.entries.filter(
    (e) => e.tier === 'additional' && (e.role === 'all' || roles.includes(e.role)),
  );
  const additional = eligible
    .filter(() => next() < 0.25)
    .slice(0, 4)
    .map((e) => e.code);
  const codes = ['ai-governance-strategy', 'high-risk-mapping', 'ai-literacy', ...additional];
  const months = Math.max(0, (until.getTime() - signedAt.getTime()) / (30 * DAY));
  const milestones = Array.from(
    { length: Math.min(6, Math.floor(next() * (months / 3 + 1))) },
    () => ({
      code: codes[Math.floor(next() * codes.length)]!,
      at: new Date(signedAt.getTime() + next() * months * 30 * DAY),
      reviewed: next() < 0.5,
    }),
  ).sort((a, b) => a.at.getTime() - b.at.getTime());
  const withdraws = next() < 0.03;
  return {
    index,
    name,
    country,
    sector: weighted(next, SECTORS),
    size: weighted(next, SIZES),
    roles,
    contact: { name: `Contact ${index + 1}`, email: `contact${index + 1}@org${index + 1}.example` },
    signedAt,
    additionalCommitments: additional,
    published: next() < 0.6,
    milestones,
    ...(next() < 0.2
      ? {
          practice: {
            category: weighted(next, [
              ['governance', 3],
              ['literacy', 3],
              ['transparency', 2],
              ['risk-management', 2],
            ] as const),
            implementationLevel:
              IMPLEMENTATION_LEVELS[Math.floor(next() * IMPLEMENTATION_LEVELS.length)]!,
            published: next() < 0.5,
          },
        }
      : {}),
    ...(withdraws
      ? { withdrawnAt: new Date(signedAt.getTime() + (0.5 + next() * 0.5) * months * 30 * DAY) }
      : {}),
  };
}
