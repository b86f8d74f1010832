import type { CatalogueEntry, CommitmentCatalogue } from '../catalogue/commitment-catalogue';
import type { DateChange, Timeline } from './ai-act-timeline';

export type ProvisionLinkKind = 'implements' | 'related';

/** A provision a commitment anticipates, and the date it applies from under a timeline. */
export interface CommitmentProvision {
  readonly provision: string;
  readonly link: ProvisionLinkKind;
  /** Null when no version of the timeline dates the provision. */
  readonly appliesFrom: string | null;
}

/** An action against the calendar: the first date its commitment's provisions apply from. */
export interface ActionCalendar {
  readonly appliesFrom: string | null;
  /** The target date falls after `appliesFrom`: the action is planned too late. */
  readonly afterApplication: boolean;
}

/** The provisions an entry links to: those it implements, then those it is related to. */
export function linkedProvisions(
  entry: Pick<CatalogueEntry, 'implements' | 'related'> | undefined,
): { provision: string; link: ProvisionLinkKind }[] {
  if (!entry) return [];
  return [
    ...entry.implements.map((provision) => ({ provision, link: 'implements' as const })),
    ...entry.related.map((provision) => ({ provision, link: 'related' as const })),
  ];
}

export function commitmentProvisions(
  code: string,
  catalogue: CommitmentCatalogue,
  timeline: Timeline,
): CommitmentProvision[] {
  return linkedProvisions(catalogue.find(code)).map((link) => ({
    ...link,
    appliesFrom: timeline.appliesFrom[link.provision] ?? null,
  }));
}

/** The earliest date any provision linked to the commitment applies from. */
export function commitmentAppliesFrom(
  code: string,
  catalogue: CommitmentCatalogue,
  timeline: Timeline,
): string | null {
  const dates = commitmentProvisions(code, catalogue, timeline)
    .map((p) => p.appliesFrom)
    .filter((date): date is string => date !== null)
    .sort();
  return dates[0] ?? null;
}

export function actionCalendar(targetDate: string, appliesFrom: string | null): ActionCalendar {
  return { appliesFrom, afterApplication: appliesFrom !== null && targetDate > appliesFrom };
}

/** What the calendar needs of a pledge's commitment (the pledge's own types depend on this file). */
export interface CommitmentActions {
  readonly code: string;
  readonly actions: readonly { readonly actionId: string; readonly targetDate: string }[];
}

/** An action whose calendar a timeline change moved. */
export interface ActionRecalendared {
  readonly commitmentCode: string;
  readonly actionId: string;
  readonly targetDate: string;
  readonly before: ActionCalendar;
  readonly after: ActionCalendar;
}

/**
 * What a new timeline version changes for a pledge: the changes to provisions its commitments link
 * to, and every action of those commitments with its calendar before and after. Empty when the
 * change touches none of the pledge's commitments.
 */
export function timelineImpact(
  commitments: readonly CommitmentActions[],
  catalogue: CommitmentCatalogue,
  previous: Timeline,
  next: Timeline,
  changes: readonly DateChange[],
): { changes: DateChange[]; actions: ActionRecalendared[] } {
  const changed = new Map(changes.map((c) => [c.provision, c]));
  const touched = new Map<string, DateChange>();
  const actions: ActionRecalendared[] = [];
  for (const commitment of commitments) {
    const links = linkedProvisions(catalogue.find(commitment.code)).filter((l) =>
      changed.has(l.provision),
    );
    if (links.length === 0) continue;
    for (const { provision } of links) touched.set(provision, changed.get(provision)!);
    const before = commitmentAppliesFrom(commitment.code, catalogue, previous);
    const after = commitmentAppliesFrom(commitment.code, catalogue, next);
    for (const action of commitment.actions)
      actions.push({
        commitmentCode: commitment.code,
        actionId: action.actionId,
        targetDate: action.targetDate,
        before: actionCalendar(action.targetDate, before),
        after: actionCalendar(action.targetDate, after),
      });
  }
  return { changes: changes.filter((c) => touched.has(c.provision)), actions };
}
