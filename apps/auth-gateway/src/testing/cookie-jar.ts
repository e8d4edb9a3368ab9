interface StoredCookie {
  value: string;
  path: string;
}

/**
 * A browser's cookies for one host. Browsers do not keep cookies apart by port, so the gateway
 * and the dev provider, both on 127.0.0.1, share one jar here as they would in Chromium. It
 * honours what the two servers rely on: `Path`, and deletion by `Expires` in the past or
 * `Max-Age=0`.
 */
export class CookieJar {
  private readonly cookies = new Map<string, StoredCookie>();

  /** Takes in every `Set-Cookie` of a response to a request for `url`. */
  store(response: Response, url: URL): void {
    for (const line of response.headers.getSetCookie()) this.storeOne(line, url);
  }

  /** The `Cookie` header a browser would send with a request for `url`. */
  header(url: URL): string {
    return [...this.cookies]
      .filter(([, cookie]) => pathMatches(url.pathname, cookie.path))
      .map(([name, cookie]) => `${name}=${cookie.value}`)
      .join('; ');
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }

  private storeOne(line: string, url: URL): void {
    const [pair, ...attributes] = line.split(';').map((part) => part.trim());
    const separator = pair.indexOf('=');
    const name = pair.slice(0, separator);
    const value = pair.slice(separator + 1);
    const attribute = (key: string) =>
      attributes.find((item) => item.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);

    const expires = attribute('expires');
    const maxAge = attribute('max-age');
    const gone =
      (maxAge !== undefined && Number(maxAge) <= 0) ||
      (expires !== undefined && Date.parse(expires) <= Date.now());
    if (gone) {
      this.cookies.delete(name);
      return;
    }
    this.cookies.set(name, { value, path: attribute('path') ?? defaultPath(url) });
  }
}

/** RFC 6265 §5.1.4: a cookie's path covers itself and whatever lies below it. */
function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}

/** RFC 6265 §5.1.4: without `Path`, the directory of the request's path. */
function defaultPath(url: URL): string {
  const last = url.pathname.lastIndexOf('/');
  return last <= 0 ? '/' : url.pathname.slice(0, last);
}
