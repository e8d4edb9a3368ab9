import { createHash } from 'node:crypto';

/**
 * The dev provider's HTML: the login page, the logout confirmation and plain error pages.
 * Every value that reaches a page goes through `escapeHtml`, and the pages load nothing from
 * outside (the provider's default pages fetch a web font, which a dev tool has no need for).
 */

const STYLE = `
body { margin: 0; background: #f3f4f6; color: #111827;
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 22rem; margin: 4rem auto; padding: 2rem; background: #fff;
  border-radius: 0.5rem; box-shadow: 0 1px 3px rgba(0, 0, 0, 0.12); }
h1 { margin: 0 0 0.25rem; font-size: 1.375rem; }
p { margin: 0 0 1rem; }
main > :last-child { margin-bottom: 0; }
form { margin: 0 0 1.25rem; }
.muted { color: #6b7280; font-size: 0.875rem; }
.banner { padding: 0.5rem 0.75rem; border-radius: 0.375rem; background: #fef3c7;
  color: #92400e; font-size: 0.8125rem; }
.error { padding: 0.5rem 0.75rem; border-radius: 0.375rem; background: #fee2e2;
  color: #991b1b; }
label { display: block; margin: 0 0 0.25rem; font-weight: 600; font-size: 0.875rem; }
input { box-sizing: border-box; width: 100%; margin: 0 0 1rem; padding: 0.5rem 0.75rem;
  border: 1px solid #d1d5db; border-radius: 0.375rem; font: inherit; }
input:focus { outline: 2px solid #2563eb; outline-offset: 1px; }
button { width: 100%; padding: 0.625rem; border: 0; border-radius: 0.375rem;
  background: #2563eb; color: #fff; font: inherit; font-weight: 600; cursor: pointer; }
button:hover { background: #1d4ed8; }
a { color: #2563eb; }
code { font-size: 0.875em; }
`;

/**
 * Headers for every page. The style block is allowed by its hash, so no script and no other
 * style can run; `frame-ancestors` keeps the login form out of other sites' frames.
 * `form-action` is left out on purpose: Chromium applies it to the redirects that follow a
 * form post, and the login ends in a redirect to the gateway.
 */
export const PAGE_HEADERS = Object.freeze({
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy': [
    "default-src 'none'",
    `style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; '),
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
});

const HTML_ESCAPES = Object.freeze({
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
});

/**
 * @param {unknown} value
 * @returns {string} the value as text that HTML cannot read as markup
 */
export function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

/**
 * The login page. Field names are stable, as the browser tests fill them by name.
 *
 * @param {object} page
 * @param {string} page.action where the form posts
 * @param {string} page.abortUrl where "cancel" leads
 * @param {string} page.clientName who asked for the login
 * @param {string} [page.username] what the user typed last time
 * @param {string} [page.error] why the last attempt failed
 * @param {readonly string[]} page.usernames the demo accounts, shown as a hint
 */
export function loginPage({ action, abortUrl, clientName, username, error, usernames }) {
  const hint = usernames.map((name) => `<code>${escapeHtml(name)}</code>`).join(', ');
  // After a failed attempt the username is kept, so the cursor goes to the password.
  const [focusUsername, focusPassword] = username ? ['', ' autofocus'] : [' autofocus', ''];

  const content = `
<p class="muted">to continue to <strong>${escapeHtml(clientName)}</strong></p>
${error ? loginError(error) : ''}
<form method="post" action="${escapeHtml(action)}">
  <label for="username">Username</label>
  <input id="username" name="username" type="text" value="${escapeHtml(username)}"
    autocomplete="username" autocapitalize="none" spellcheck="false" required${focusUsername}>
  <label for="password">Password</label>
  <input id="password" name="password" type="password"
    autocomplete="current-password" required${focusPassword}>
  <button id="sign-in" name="sign-in" type="submit">Sign in</button>
</form>
<p class="muted">Demo accounts: ${hint}. Each password equals the username.</p>
<p class="muted"><a href="${escapeHtml(abortUrl)}">Cancel and return to the application</a></p>`;
  return layout('Sign in', content);
}

function loginError(error) {
  return `<p class="error" id="login-error" role="alert">${escapeHtml(error)}</p>`;
}

/**
 * The RP-initiated logout confirmation. `form` is oidc-provider's own hidden form (it carries
 * the xsrf token), so it is embedded as it is.
 *
 * @param {string} form
 * @param {string} host
 */
export function logoutPage(form, host) {
  const content = `
<p>Sign out of the development provider at <strong>${escapeHtml(host)}</strong>?</p>
${form}
<button id="sign-out" name="logout" value="yes" type="submit" form="op.logoutForm">
  Sign out</button>`;
  return layout('Sign out', content);
}

/** @param {string | undefined} clientName */
export function logoutSuccessPage(clientName) {
  const from = clientName ? ` of ${escapeHtml(clientName)}` : '';
  return layout('Signed out', `<p>You have signed out${from}.</p>`);
}

/**
 * A plain error page: what went wrong and, if there is one, the stable code.
 *
 * @param {string} title
 * @param {string} message
 * @param {string} [code]
 */
export function errorPage(title, message, code) {
  const codeLine = code ? `<p class="muted">Code: <code>${escapeHtml(code)}</code></p>` : '';
  return layout(title, `<p>${escapeHtml(message)}</p>${codeLine}`);
}

/** Wraps a page's content; `content` must already be escaped. */
function layout(title, content) {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · identity-bus dev provider</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p class="banner">Development provider: demo accounts, well-known passwords.</p>
<h1>${escapeHtml(title)}</h1>
${content}
</main>
</body>
</html>
`;
}
