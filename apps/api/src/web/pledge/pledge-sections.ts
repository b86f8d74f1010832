import type { pledgeView } from '../../pledges/get-pledge/pledge.view';
import { dataTable } from '../kit/data-table';
import { html } from '../kit/html';
import { commitmentTitle, label, provisionLabel } from '../kit/labels';
import type { I18n } from '../i18n/locale';

export type PledgeView = ReturnType<typeof pledgeView>;

/** The facts of a pledge: status, dates, signatory, reporting. */
export function pledgeFacts(
  i18n: I18n,
  pledge: PledgeView & { signatory?: { name: string; position: string } },
) {
  const { t } = i18n;
  return html`<dl class="pact-meta">
    <dt>${t('pledge.status')}</dt>
    <dd><span class="pact-status">${label(i18n, 'status', pledge.status)}</span></dd>
    ${
      pledge.signatory
        ? html`<dt>${t('pledge.signatory')}</dt>
            <dd>${pledge.signatory.name}, ${pledge.signatory.position}</dd>`
        : ''
    }
    <dt>${t('pledge.signedAt')}</dt>
    <dd>${i18n.date(pledge.signedAt)}</dd>
    <dt>${t('pledge.publishedAt')}</dt>
    <dd>${i18n.date(pledge.publishedAt)}</dd>
    ${
      'withdrawnAt' in pledge && pledge.withdrawnAt
        ? html`<dt>${t('pledge.withdrawnAt')}</dt>
            <dd>${i18n.date(pledge.withdrawnAt)} (${pledge.withdrawalReason ?? ''})</dd>`
        : ''
    }
    <dt>${t('pledge.reportingStatus')}</dt>
    <dd>${label(i18n, 'reporting', pledge.reporting.status)}</dd>
    <dt>${t('pledge.cycle')}</dt>
    <dd>${i18n.number(pledge.reporting.cycle)}</dd>
    ${
      // A withdrawn pledge owes no more reports: no due date is shown for it.
      pledge.status === 'withdrawn'
        ? ''
        : html`<dt>${t('pledge.nextDue')}</dt>
            <dd>${i18n.date(pledge.reporting.dueAt)}</dd>`
    }
  </dl>`;
}

/**
 * Each commitment with its title, the AI Act provisions it anticipates (dated by the timeline in
 * force), its actions (flagged when planned after those provisions apply) and its milestones.
 */
export function pledgeCommitments(i18n: I18n, pledge: PledgeView, headingLevel: 2 | 3 = 2) {
  const { t } = i18n;
  const heading = (text: string) =>
    headingLevel === 2 ? html`<h3>${text}</h3>` : html`<h4>${text}</h4>`;
  return pledge.commitments.map((commitment) => {
    return html`<section
      class="pact-commitment"
      aria-label="${commitmentTitle(i18n, commitment.code)}"
    >
      ${heading(commitmentTitle(i18n, commitment.code))}
      <p>
        ${label(i18n, 'tier', commitment.tier)} ·
        <span>${t('pledge.code')} <code>${commitment.code}</code></span>
      </p>
      ${
        commitment.provisions.length === 0
          ? html`<p>${t('pledge.aiActNone')}</p>`
          : html`<p>${t('pledge.provisions', { version: pledge.timelineVersion })}</p>
              <ul class="pact-provisions">
                ${commitment.provisions.map(
                  (p) =>
                    html`<li>
                      ${t('pledge.provision', {
                        provision: provisionLabel(i18n, p.provision),
                        link: t(`pledge.link.${p.link}`),
                        when: p.appliesFrom
                          ? t('pledge.appliesFrom', { date: i18n.date(p.appliesFrom) })
                          : t('pledge.notDated'),
                      })}
                    </li>`,
                )}
              </ul>`
      }
      ${dataTable({
        caption: t('pledge.actions'),
        showCaption: true,
        columns: [
          t('pledge.action'),
          t('pledge.actionStatus'),
          t('pledge.targetDate'),
          t('pledge.actionApplies'),
        ],
        rows: commitment.actions.map(
          (action) =>
            html`<tr>
              <td>${action.description}</td>
              <td>${label(i18n, 'actionStatus', action.status)}</td>
              <td>${i18n.date(action.targetDate)}</td>
              <td>
                ${action.appliesFrom ? i18n.date(action.appliesFrom) : '–'}
                ${
                  action.afterApplication
                    ? html`<strong class="pact-flag">${t('pledge.afterApplication')}</strong>`
                    : ''
                }
              </td>
            </tr>`,
        ),
      })}
      ${
        commitment.milestones.length === 0
          ? html`<p>${t('pledge.noMilestones')}</p>`
          : dataTable({
              caption: t('pledge.milestones'),
              showCaption: true,
              columns: [
                t('pledge.reportedAt'),
                { heading: t('pledge.cycle'), numeric: true },
                t('pledge.summary'),
                t('pledge.review'),
              ],
              rows: commitment.milestones.map(
                (m) =>
                  html`<tr>
                    <td>${i18n.date(m.reportedAt)}</td>
                    <td class="pact-num">${m.cycle}</td>
                    <td>${m.summary}</td>
                    <td>
                      ${m.review ? (m.review.comment ? t('pledge.reviewWithComment', { outcome: label(i18n, 'outcome', m.review.outcome), comment: m.review.comment }) : label(i18n, 'outcome', m.review.outcome)) : t('pledge.awaitingReview')}
                    </td>
                  </tr>`,
              ),
            })
      }
    </section>`;
  });
}
