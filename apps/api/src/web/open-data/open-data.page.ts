import { Controller, Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { dataTable } from '../kit/data-table';
import { html } from '../kit/html';
import { pageHeading } from '../kit/layout';
import { Pages, PublicPage } from '../kit/page-access';
import { pageContext } from '../kit/page-context';
import { sendPage } from '../kit/page-response';

@Controller()
@Pages()
export class OpenDataPage {
  /** The open data: what each download holds, its licence, and the links. */
  @Get('data')
  @PublicPage()
  show(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): string {
    const context = pageContext(request);
    const { t } = context.i18n;
    const row = (name: string, holds: string, csv: string, json: string) =>
      html`<tr>
        <th scope="row">${name}</th>
        <td>${holds}</td>
        <td>
          <a class="ecl-link" href="${csv}">CSV</a> · <a class="ecl-link" href="${json}">JSON</a>
        </td>
      </tr>`;
    return sendPage(reply, context, {
      title: t('data.title'),
      body: html`${pageHeading(t('data.title'))}
        <p>${t('data.intro')}</p>
        ${dataTable({
          caption: t('data.title'),
          columns: [t('data.dataset'), t('data.holds'), t('data.download')],
          rows: [
            row(
              t('data.registry'),
              t('data.registryHolds'),
              '/registry/export.csv',
              '/registry/export.json',
            ),
            row(
              t('data.practices'),
              t('data.practicesHolds'),
              '/practices/export.csv',
              '/practices/export.json',
            ),
          ],
        })}
        <h2>${t('data.licenceTitle')}</h2>
        <p>${t('data.licence')}</p>
        <p>${t('data.noPersonalData')}</p>
        <h2>${t('data.apiTitle')}</h2>
        <p>${t('data.api')} <a class="ecl-link" href="/docs">/docs</a></p>`,
    });
  }
}
