import { CookieJar } from './cookie-jar';
import { attributeOf, decodeHtml } from './html-text';

/** Where the browser is, and what the server answered there. */
export interface Page {
  url: URL;
  response: Response;
}

const MAX_REDIRECTS = 10;
/** What Chromium asks for when it navigates. */
const NAVIGATION_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/**
 * A browser played with fetch: it keeps cookies, follows redirects one hop at a time (so every
 * hop's cookies reach the jar, and a test can stop where the browser leaves a site), and submits
 * a page's form as a urlencoded POST with the fields a person filled in.
 */
export class TestBrowser {
  readonly cookies = new CookieJar();

  /** One navigation, redirects not followed; `headers` replace the browser's own. */
  async get(url: URL | string, headers: Record<string, string> = {}): Promise<Response> {
    return this.send(new URL(url), { headers: { accept: NAVIGATION_ACCEPT, ...headers } });
  }

  /** Opens `url` and follows its redirects as long as they stay on the same origin. */
  async open(url: URL | string): Promise<Page> {
    const start = new URL(url);
    return this.followRedirects({ url: start, response: await this.get(start) });
  }

  /** Follows the redirects of `page` that stay on its origin, and stops at the first other. */
  async followRedirects(page: Page): Promise<Page> {
    let current = page;
    for (let hop = 0; isRedirect(current.response); hop += 1) {
      const next = redirectTarget(current);
      if (next.origin !== page.url.origin) break;
      if (hop === MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects`);
      current = { url: next, response: await this.get(next) };
    }
    return current;
  }

  /** Follows the page's link whose text is `text`, as a click would. */
  async clickLink(page: Page, text: string): Promise<Page> {
    const links = [...(await page.response.text()).matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a>/g)];
    const link = links.find(([, , content]) => decodeHtml(content).trim() === text);
    if (!link) throw new Error(`no link reads "${text}" on ${page.url.href}`);
    const target = new URL(attributeOf(link[1], 'href') ?? '', page.url);
    return { url: target, response: await this.get(target) };
  }

  /**
   * Fills the page's only form with `values` (every name must be a field of the form), then
   * submits it with its submit button, as a click would.
   */
  async submitForm(page: Page, values: Record<string, string>): Promise<Page> {
    const form = readForm(await page.response.text(), page.url);
    for (const [name, value] of Object.entries(values)) {
      if (!form.fields.has(name)) throw new Error(`the form has no field named ${name}`);
      form.fields.set(name, value);
    }
    const response = await this.send(form.action, {
      method: 'POST',
      headers: { accept: NAVIGATION_ACCEPT },
      body: form.fields,
    });
    return { url: form.action, response };
  }

  private async send(url: URL, init: RequestInit & { headers?: Record<string, string> }) {
    const cookie = this.cookies.header(url);
    const headers = { ...init.headers, ...(cookie ? { cookie } : {}) };
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.cookies.store(response, url);
    return response;
  }
}

/** Where a redirect sends the browser. */
export function redirectTarget({ url, response }: Page): URL {
  const location = response.headers.get('location');
  if (!location) throw new Error(`${url.href} answered ${response.status} without a location`);
  return new URL(location, url);
}

function isRedirect(response: Response): boolean {
  return response.status >= 300 && response.status < 400;
}

/**
 * The page's form: where it posts, its inputs with their initial values, and its named submit
 * button, which a browser sends along when it is the button clicked.
 */
function readForm(html: string, base: URL): { action: URL; fields: URLSearchParams } {
  const forms = [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)];
  if (forms.length !== 1) throw new Error(`expected one form on ${base.href}, saw ${forms.length}`);
  const [, formTag, body] = forms[0];
  if (attributeOf(formTag, 'method')?.toLowerCase() !== 'post') throw new Error('not a POST form');

  const fields = new URLSearchParams();
  for (const [tag] of body.matchAll(/<input\b[^>]*>/g)) {
    const name = attributeOf(tag, 'name');
    if (name) fields.set(name, attributeOf(tag, 'value') ?? '');
  }
  const button = [...body.matchAll(/<button\b[^>]*>/g)]
    .map(([tag]) => tag)
    .find((tag) => attributeOf(tag, 'type') === 'submit');
  if (!button) throw new Error(`the form on ${base.href} has no submit button`);
  const buttonName = attributeOf(button, 'name');
  if (buttonName) fields.set(buttonName, attributeOf(button, 'value') ?? '');

  return { action: new URL(attributeOf(formTag, 'action') ?? '', base), fields };
}
