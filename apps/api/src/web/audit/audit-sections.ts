import type { PledgeDiff } from '@pact/domain';
import type { RecordedEvent } from '@pact/event-store';
import type { PledgeChainResult } from '../../audit/verify-pledge-history/pledge-chain';
import type { I18n, MessageKey } from '../i18n/locale';
import { dataTable } from '../kit/data-table';
import { html } from '../kit/html';
import { commitmentTitle, label } from '../kit/labels';

export const shortHash = (hash: string) => `${hash.slice(0, 12)}…`;

/** A key's id is a UUID, shortened; the system's actors (reminder-worker, demo-seed) keep their names. */
const shortKeyId = (keyId: string) =>
  /^[0-9a-f]{8}-[0-9a-f-]{27}$/.test(keyId) ? keyId.slice(0, 8) : keyId;

/** The chain verification's verdict: valid, or the first revision that does not verify. */
export function verification(i18n: I18n, result: PledgeChainResult, checkedAt: string) {
  const { t } = i18n;
  return html`<div class="pact-commitment" role="status">
    ${
      result.valid
        ? html`<p class="pact-valid">
            <strong>${t('audit.valid')}</strong>
            ${t('audit.validDetail', { count: i18n.number(result.eventCount) })}
          </p>`
        : html`<p class="pact-invalid">
            <strong>${t('audit.invalid')}</strong> ${
              result.firstInvalidRevision !== undefined
                ? t('audit.firstInvalid', { revision: result.firstInvalidRevision })
                : t('audit.sealInvalid')
            }
          </p>`
    }
    <dl class="pact-meta">
      <dt>${t('audit.headHash')}</dt>
      <dd><code class="pact-hash">${result.headHash}</code></dd>
      <dt>${t('audit.sealedThrough')}</dt>
      <dd>
        ${
          result.sealedThrough
            ? t('audit.sealedAt', {
                revision: result.sealedThrough.revision ?? '—',
                at: i18n.dateTime(result.sealedThrough.sealedAt),
              })
            : t('audit.notSealed')
        }
      </dd>
      <dt>${t('audit.checkedAt')}</dt>
      <dd>${i18n.dateTime(checkedAt)}</dd>
    </dl>
  </div>`;
}

const data = (event: RecordedEvent) => event.data as Record<string, unknown>;

/** One line saying what an event did, in the page's language. */
export function eventSummary(i18n: I18n, event: RecordedEvent): string {
  const d = data(event);
  // A report names its commitment by code; an added commitment is the commitment itself.
  const added = d['commitment'];
  const code =
    typeof d['commitmentCode'] === 'string'
      ? d['commitmentCode']
      : typeof added === 'object' && added !== null && 'code' in added
        ? String(added.code)
        : undefined;
  const params: Record<string, string | number> = {
    commitment: code ? commitmentTitle(i18n, code) : '',
    cycle: typeof d['cycle'] === 'number' ? d['cycle'] : '',
    stage: typeof d['stage'] === 'string' ? label(i18n, 'stage', d['stage']) : '',
    outcome: typeof d['outcome'] === 'string' ? label(i18n, 'outcome', d['outcome']) : '',
    count: Array.isArray(d['commitments']) ? d['commitments'].length : 0,
    actions: Array.isArray(d['actions']) ? d['actions'].length : 0,
    version: typeof d['timelineVersion'] === 'string' ? d['timelineVersion'] : '',
  };
  const key = `event.${event.type}` as MessageKey;
  const text = i18n.t(key, params);
  return text === key ? event.type : text;
}

/** The timeline: every event of the page, oldest first, with who, when, why and its hash. */
export function timeline(i18n: I18n, events: readonly RecordedEvent[], firstInvalid?: number) {
  const { t } = i18n;
  return html`${dataTable({
      caption: t('audit.timeline'),
      describedBy: 'timeline-help',
      columns: [
        { heading: t('audit.revision'), numeric: true },
        t('audit.event'),
        t('audit.when'),
        t('audit.actor'),
        t('audit.correlation'),
        t('audit.causation'),
        t('audit.hash'),
      ],
      rows: events.map((event) => {
        const actor = event.metadata.actor;
        const broken = firstInvalid !== undefined && event.revision >= firstInvalid;
        return html`<tr ${broken ? html`class="pact-invalid"` : ''}>
          <th scope="row" class="pact-num">
            ${event.revision}${event.revision === firstInvalid ? html` <strong>(${t('audit.brokenHere')})</strong>` : ''}
          </th>
          <td>
            <strong>${event.type}</strong><br />${eventSummary(i18n, event)}
            <details class="pact-event">
              <summary>${t('audit.storedEvent')}</summary>
              <dl class="pact-meta">
                <dt>${t('audit.eventId')}</dt>
                <dd><code class="pact-hash">${event.eventId}</code></dd>
                <dt>${t('audit.position')}</dt>
                <dd>${String(event.position)}</dd>
                <dt>${t('audit.schemaVersion')}</dt>
                <dd>${event.schemaVersion}</dd>
                <dt>${t('audit.previousHash')}</dt>
                <dd><code class="pact-hash">${event.previousHash}</code></dd>
                <dt>${t('audit.hash')}</dt>
                <dd><code class="pact-hash">${event.hash}</code></dd>
              </dl>
              <pre class="pact-json" tabindex="0">
${JSON.stringify({ data: event.data, metadata: event.metadata }, null, 2)}</pre>
            </details>
          </td>
          <td>${i18n.dateTime(event.recordedAt)}</td>
          <td>
            ${label(i18n, 'role', actor.role)}<br /><code class="pact-hash"
              >${shortKeyId(actor.keyId)}</code
            >
          </td>
          <td><code class="pact-hash">${event.metadata.correlationId}</code></td>
          <td><code class="pact-hash">${event.metadata.causationId}</code></td>
          <td><code class="pact-hash" title="${event.hash}">${shortHash(event.hash)}</code></td>
        </tr>`;
      }),
    })}
    <p id="timeline-help" class="pact-footer__note">${t('audit.timelineHelp')}</p>`;
}

/** What changed between two revisions, in words. */
export function changes(i18n: I18n, diff: PledgeDiff) {
  const { t } = i18n;
  const items = [
    ...(diff.status
      ? [
          t('diff.status', {
            from: label(i18n, 'status', diff.status.from),
            to: label(i18n, 'status', diff.status.to),
          }),
        ]
      : []),
    ...(diff.publishedAt?.to ? [t('diff.published', { at: i18n.date(diff.publishedAt.to) })] : []),
    ...(diff.withdrawnAt?.to ? [t('diff.withdrawn', { at: i18n.date(diff.withdrawnAt.to) })] : []),
    ...(diff.completedCycles
      ? [
          t('diff.cycles', {
            from: diff.completedCycles.from ?? 0,
            to: diff.completedCycles.to ?? 0,
          }),
        ]
      : []),
    ...diff.commitmentsAdded.map((c) =>
      t('diff.commitmentAdded', { commitment: commitmentTitle(i18n, c.code), actions: c.actions }),
    ),
    ...diff.actionsAdded.map((a) =>
      t('diff.actionAdded', {
        commitment: commitmentTitle(i18n, a.commitmentCode),
        action: a.description,
      }),
    ),
    ...diff.actionStatusChanges.map((a) =>
      t('diff.actionStatus', {
        action: a.description,
        from: label(i18n, 'actionStatus', a.status.from),
        to: label(i18n, 'actionStatus', a.status.to),
      }),
    ),
    ...diff.milestonesReported.map((m) =>
      t('diff.milestone', {
        commitment: commitmentTitle(i18n, m.commitmentCode),
        cycle: m.cycle,
        summary: m.summary,
      }),
    ),
    ...diff.reviews.map((r) =>
      t('diff.review', { outcome: label(i18n, 'outcome', r.outcome.to), comment: r.comment }),
    ),
  ];
  return items.length === 0
    ? html`<p>${t('diff.nothing')}</p>`
    : html`<ul class="pact-diff">
        ${items.map((item) => html`<li>${item}</li>`)}
      </ul>`;
}
