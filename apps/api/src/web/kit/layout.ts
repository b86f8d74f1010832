import type { ApiRole } from '@pact/infrastructure';
import type { MessageKey } from '../i18n/locale';
import { escapeHtml, html, type Html } from './html';
import type { PageContext } from './page-context';

interface NavItem {
  readonly href: string;
  readonly label: MessageKey;
  readonly roles?: readonly ApiRole[];
}

const NAV: readonly NavItem[] = [
  { href: '/', label: 'nav.home' },
  { href: '/registry', label: 'nav.registry' },
  { href: '/practices', label: 'nav.practices' },
  { href: '/data', label: 'nav.data' },
  { href: '/workspace', label: 'nav.workspace', roles: ['participant'] },
  { href: '/review', label: 'nav.review', roles: ['reviewer'] },
  { href: '/analytics', label: 'nav.analytics', roles: ['analyst', 'reviewer', 'admin'] },
  { href: '/admin', label: 'nav.admin', roles: ['admin'] },
];

export interface PageOptions {
  readonly title: string;
  readonly body: Html;
  /** A notification at the top: the outcome of the last form, or what went wrong. */
  readonly notice?: {
    readonly kind: 'success' | 'error';
    readonly text: string;
    /** Its lines; a line about a field links to the message beside it (`anchor`, its id). */
    readonly details?: readonly (string | { readonly text: string; readonly anchor: string })[];
  };
}

/** The page shell every route shares: header, navigation, language switch, sign-in, footer. */
export function layout(context: PageContext, options: PageOptions): string {
  const { t, locale } = context.i18n;
  const role = context.session?.role;
  const path = context.url.split('?')[0] ?? '/';
  const nav = NAV.filter((item) => !item.roles || (role && item.roles.includes(role)));
  const switchTo = (lang: string) => {
    const [base, query = ''] = context.url.split('?');
    const params = new URLSearchParams(query);
    params.set('lang', lang);
    return `${base}?${params.toString()}`;
  };
  return `<!DOCTYPE html>${
    html`<html lang="${locale}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${options.title} · ${t('site.name')}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/assets/ecl/ecl-ec.css" />
        <link rel="stylesheet" href="/assets/ecl/ecl-ec-utilities.css" />
        <link rel="stylesheet" href="/assets/site.css" />
      </head>
      <body>
        <a class="ecl-skip-link ecl-link" href="#main">${t('site.skip')}</a>
        <header class="ecl-site-header pact-header">
          <div class="ecl-container pact-header__top">
            <a class="pact-brand" href="/">${t('site.name')}</a>
            <nav class="pact-languages" aria-label="${t('site.language')}">
              <a
                class="ecl-link"
                href="${switchTo('en')}"
                lang="en"
                hreflang="en"
                ${locale === 'en' ? html`aria-current="true"` : ''}
                >English</a
              >
              <a
                class="ecl-link"
                href="${switchTo('fr')}"
                lang="fr"
                hreflang="fr"
                ${locale === 'fr' ? html`aria-current="true"` : ''}
                >Français</a
              >
            </nav>
            ${
              context.session
                ? html`<form method="post" action="/logout" class="pact-signout">
                    <span class="pact-whoami">${t(`role.${context.session.role}`)}</span>
                    <input type="hidden" name="_csrf" value="${context.csrf}" />
                    <button type="submit" class="ecl-button ecl-button--secondary">
                      ${t('auth.signOut')}
                    </button>
                  </form>`
                : html`<a
                    class="ecl-button ecl-button--secondary pact-signin"
                    href="${path === '/login' ? context.url : `/login?next=${encodeURIComponent(context.url)}`}"
                    >${t('auth.signIn')}</a
                  >`
            }
          </div>
          <nav class="pact-nav" aria-label="${t('site.navigation')}">
            <ul class="ecl-container pact-nav__list">
              ${nav.map(
                (item) =>
                  html`<li>
                    <a
                      class="pact-nav__link"
                      href="${item.href}"
                      ${item.href === path ? html`aria-current="page"` : ''}
                      >${t(item.label)}</a
                    >
                  </li>`,
              )}
            </ul>
          </nav>
        </header>
        <main id="main" class="ecl-container pact-main" tabindex="-1">
          ${options.notice ? notice(options.notice, options.body) : ''} ${options.body}
        </main>
        <footer class="ecl-site-footer pact-footer">
          <div class="ecl-container">
            <ul class="pact-footer__links">
              <li><a class="ecl-link ecl-link--standalone" href="/data">${t('footer.data')}</a></li>
              <li><a class="ecl-link ecl-link--standalone" href="/docs">${t('footer.docs')}</a></li>
              <li>
                <a
                  class="ecl-link ecl-link--standalone"
                  href="https://interoperable-europe.ec.europa.eu/collection/eupl/eupl-text-eupl-12"
                  >${t('footer.licence')}</a
                >
              </li>
            </ul>
            <p class="pact-footer__note">${t('footer.note')}</p>
          </div>
        </footer>
      </body>
    </html>`.value
  }`;
}

function notice(options: NonNullable<PageOptions['notice']>, body: Html): Html {
  // A line links to its field's message only when the page shows it (a form may lack the field).
  const shown = (anchor: string) => body.value.includes(`id="${escapeHtml(anchor)}"`);
  return html`<div
    class="ecl-notification ecl-notification--${options.kind === 'success' ? 'success' : 'error'} pact-notice"
    role="${options.kind === 'success' ? 'status' : 'alert'}"
  >
    <div class="ecl-notification__content">
      <p class="ecl-notification__title">${options.text}</p>
      ${
        options.details && options.details.length > 0
          ? html`<ul class="ecl-notification__description">
              ${options.details.map((d) =>
                typeof d === 'string'
                  ? html`<li>${d}</li>`
                  : shown(d.anchor)
                    ? html`<li><a class="ecl-link" href="#${d.anchor}">${d.text}</a></li>`
                    : html`<li>${d.text}</li>`,
              )}
            </ul>`
          : ''
      }
    </div>
  </div>`;
}

/**
 * The page's one `h1`; `lang` when its text is in another language than the page (a practice's
 * title). Two templates, not an interpolated attribute: Prettier would write a space before it, and
 * every heading without `lang` would end `pact-h1" >`.
 */
export const pageHeading = (text: string, lang?: string) =>
  lang
    ? html`<h1 class="ecl-u-type-heading-1 pact-h1" lang="${lang}">${text}</h1>`
    : html`<h1 class="ecl-u-type-heading-1 pact-h1">${text}</h1>`;
