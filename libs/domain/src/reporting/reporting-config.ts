import type { Duration } from 'luxon';
import { parseIsoDuration } from './durations';

export type ReportingAnchor = 'signature' | 'publication';

export interface ReportingConfig {
  readonly interval: Duration;
  readonly anchor: ReportingAnchor;
  /** Offsets from the due date, sorted from earliest to latest. */
  readonly stages: readonly Duration[];
  readonly nonReportingAfter: Duration;
}

export interface ReportingSettings {
  readonly interval: string;
  readonly anchor: string;
  readonly stages: string;
  readonly nonReportingAfter: string;
}

export const DEFAULT_REPORTING_SETTINGS: ReportingSettings = {
  interval: 'P12M',
  anchor: 'signature',
  stages: '-P30D,-P7D,P0D,P14D',
  nonReportingAfter: 'P30D',
};

/** Parses reporting settings; each problem names the setting and what it accepts. */
export function parseReportingConfig(
  settings: ReportingSettings,
): ReportingConfig | { errors: string[] } {
  const errors: string[] = [];
  const interval = parseIsoDuration(settings.interval);
  if (!interval || interval.as('milliseconds') <= 0) {
    errors.push(
      `interval '${settings.interval}' must be a positive ISO 8601 duration such as P12M or PT30S`,
    );
  }
  if (settings.anchor !== 'signature' && settings.anchor !== 'publication') {
    errors.push(`anchor '${settings.anchor}' must be signature or publication`);
  }
  const stageTexts = settings.stages
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const stages = stageTexts.map((text) => ({ text, duration: parseIsoDuration(text) }));
  // The same offset twice (-P7D,-P1W) is a slip in the setting, not two prompts: say so.
  const firstSpelling = new Map<number, string>();
  for (const stage of stages) {
    if (!stage.duration) {
      errors.push(`stage '${stage.text}' must be a signed ISO 8601 duration such as -P7D`);
      continue;
    }
    const offset = stage.duration.as('milliseconds');
    const earlier = firstSpelling.get(offset);
    if (earlier === undefined) firstSpelling.set(offset, stage.text);
    else errors.push(`stage '${stage.text}' repeats the offset '${earlier}'`);
  }
  if (stageTexts.length === 0) errors.push('stages must list at least one offset');
  const nonReportingAfter = parseIsoDuration(settings.nonReportingAfter);
  if (!nonReportingAfter || nonReportingAfter.as('milliseconds') < 0) {
    errors.push(
      `non-reporting delay '${settings.nonReportingAfter}' must be a non-negative ISO 8601 duration`,
    );
  }
  if (errors.length > 0 || !interval || !nonReportingAfter) return { errors };
  const sorted = stages
    .map((s) => s.duration!)
    .sort((a, b) => a.as('milliseconds') - b.as('milliseconds'));
  return {
    interval,
    anchor: settings.anchor as ReportingAnchor,
    stages: sorted,
    nonReportingAfter,
  };
}

export function defaultReportingConfig(): ReportingConfig {
  const parsed = parseReportingConfig(DEFAULT_REPORTING_SETTINGS);
  if ('errors' in parsed) throw new Error(parsed.errors.join('; '));
  return parsed;
}
