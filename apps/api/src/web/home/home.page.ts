import { publicFigures } from '@pact/projections';
import { READ_STORE, type ReadStore } from '@pact/read-store';
import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { html } from '../kit/html';
import { pageHeading } from '../kit/layout';
import { Pages, PublicPage } from '../kit/page-access';
import { pageContext } from '../kit/page-context';
import { sendPage } from '../kit/page-response';

@Controller()
@Pages()
export class HomePage {
  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {}

  /** What the AI Pact is, live figures, and the ways in. */
  @Get()
  @PublicPage()
  async show(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const context = pageContext(request);
    const { t, number } = context.i18n;
    const figures = await publicFigures(this.store);
    return sendPage(reply, context, {
      title: t('home.title'),
      body: html`${pageHeading(t('home.title'))}
        <p class="ecl-u-type-paragraph-l">${t('home.lead')}</p>
        <h2>${t('home.figures')}</h2>
        <ul class="pact-figures">
          <li>
            <span class="pact-figure__value">${number(figures.organisations)}</span
            >${t('home.organisations')}
          </li>
          <li>
            <span class="pact-figure__value">${number(figures.publishedPledges)}</span
            >${t('home.publishedPledges')}
          </li>
          <li>
            <span class="pact-figure__value">${number(figures.publishedPractices)}</span
            >${t('home.publishedPractices')}
          </li>
        </ul>
        <div class="pact-grid-2">
          <section>
            <h2>${t('home.pillar1')}</h2>
            <p>${t('home.pillar1Text')}</p>
            <p>
              <a class="ecl-link ecl-link--standalone" href="/practices"
                >${t('home.toPractices')}</a
              >
            </p>
          </section>
          <section>
            <h2>${t('home.pillar2')}</h2>
            <p>${t('home.pillar2Text')}</p>
            <p>
              <a class="ecl-link ecl-link--standalone" href="/registry">${t('home.toRegistry')}</a>
            </p>
          </section>
        </div>
        <h2>${t('home.reporting')}</h2>
        <p>${t('home.reportingText')}</p>
        <ul>
          <li><a class="ecl-link" href="/data">${t('home.toData')}</a></li>
          ${
            context.session
              ? ''
              : html`<li><a class="ecl-link" href="/join">${t('home.toJoin')}</a></li>
                  <li><a class="ecl-link" href="/login">${t('home.toSignIn')}</a></li>`
          }
        </ul>
        <p class="pact-footer__note">${t('home.disclaimer')}</p>`,
    });
  }
}
