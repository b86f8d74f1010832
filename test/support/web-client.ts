const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/**
 * A browser-like HTTP client for the pages without a browser: keeps cookies, reads each form's CSRF
 * token and submission id from the HTML, and posts forms the way a browser does.
 */
export class WebClient {
  private readonly cookies = new Map<string, string>();

  constructor(readonly base: string) {}

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  async get(
    path: string,
  ): Promise<{ status: number; html: string; location: string | null; headers: Headers }> {
    // What a browser asks for when it follows a link.
    return this.send('GET', path, undefined, { accept: BROWSER_ACCEPT });
  }

  /** Posts urlencoded fields; `origin` defaults to this site's, as a browser sends it. */
  async post(
    path: string,
    fields: Record<string, string | string[]>,
    options: { origin?: string; site?: string } = {},
  ) {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(fields))
      for (const v of [value].flat()) body.append(name, v);
    return this.postBody(path, body.toString(), 'application/x-www-form-urlencoded', options);
  }

  /** Posts a body as it is, of any type (a form's, or what no form of the pages sends). */
  async postBody(
    path: string,
    body: string,
    contentType: string,
    options: { origin?: string; site?: string } = {},
  ) {
    return this.send('POST', path, body, {
      'content-type': contentType,
      origin: options.origin ?? this.base,
      'sec-fetch-site': options.site ?? 'same-origin',
      accept: BROWSER_ACCEPT,
    });
  }

  /** Signs in with a key through the sign-in form; answers the redirect's location. */
  async signIn(key: string): Promise<string | null> {
    const form = await this.get('/login');
    const response = await this.post('/login', { _csrf: csrfOf(form.html), key, next: '' });
    if (response.status !== 303) throw new Error(`sign-in: ${response.status}`);
    return response.location;
  }

  private async send(
    method: string,
    path: string,
    body?: string,
    extra: Record<string, string> = {},
  ) {
    const headers: Record<string, string> = { ...extra };
    if (this.cookies.size > 0)
      headers['cookie'] = [...this.cookies]
        .map(([name, value]) => `${name}=${encodeURIComponent(value)}`)
        .join('; ');
    const response = await fetch(`${this.base}${path}`, {
      method,
      headers,
      body,
      redirect: 'manual',
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = decodeURIComponent(pair.slice(at + 1));
      if (/Max-Age=0/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return {
      status: response.status,
      html: await response.text(),
      location: response.headers.get('location'),
      headers: response.headers,
    };
  }
}

/** The CSRF token of the first form on a page. */
export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('No CSRF token on the page');
  return match[1]!;
}

/** A form's hidden fields (CSRF token, submission id, intent), found by its intent. */
export function formFields(html: string, intent?: string): Record<string, string> {
  const forms = html.split('<form').slice(1);
  const form = intent ? forms.find((f) => f.includes(`name="intent" value="${intent}"`)) : forms[0];
  if (!form) throw new Error(`No form ${intent ?? ''} on the page`);
  const hidden: Record<string, string> = {};
  for (const match of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g))
    hidden[match[1]!] = match[2]!;
  return hidden;
}
