import { GatewaySession } from '../session/gateway-session';
import { escapeHtml, page } from './html';

export function signedOutPage(): string {
  return page(
    'Sign in',
    `<h1>identity-bus gateway</h1>
<p>You are not signed in.</p>
<p><a class="button" id="sign-in" href="/login">Sign in</a></p>`,
  );
}

/** Who is signed in, and the identity event exactly as it was published. */
export function signedInPage({ event }: GatewaySession): string {
  const claims = Object.entries(event.claims)
    .map(([name, value]) => `${name}=${Array.isArray(value) ? value.join(',') : value}`)
    .join(', ');
  return page(
    'Signed in',
    `<h1>Signed in as <span id="username">${escapeHtml(event.username)}</span></h1>
<dl>
  <dt>User id</dt><dd id="user-id">${escapeHtml(event.userId)}</dd>
  <dt>Roles</dt><dd id="roles">${escapeHtml(event.roles.join(', '))}</dd>
  <dt>Claims</dt><dd id="claims">${escapeHtml(claims)}</dd>
  <dt>Provider</dt><dd>${escapeHtml(event.oidcProvider)}</dd>
  <dt>Session ends</dt><dd>${escapeHtml(event.expiresAt)}</dd>
</dl>
<h2>Published on Kafka</h2>
<pre id="published-event">${escapeHtml(JSON.stringify(event, null, 2))}</pre>`,
  );
}

export function errorPage(status: number, code: string, message: string): string {
  return page(
    'Sign-in failed',
    `<h1>${status === 503 ? 'Sign-in is unavailable right now' : 'Sign-in failed'}</h1>
<p id="error-message">${escapeHtml(message)}</p>
<p>Error code: <span class="code" id="error-code">${escapeHtml(code)}</span></p>
<p><a class="button" href="/">Back</a></p>`,
  );
}
