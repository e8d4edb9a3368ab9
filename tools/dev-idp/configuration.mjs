import { findAccount } from './accounts.mjs';
import { PAGE_HEADERS, errorPage, logoutPage, logoutSuccessPage } from './pages.mjs';

/** The client id of the gateway, the dev provider's only client. */
export const GATEWAY_CLIENT_ID = 'identity-bus-gateway';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The oidc-provider configuration of the dev provider.
 *
 * Note that oidc-provider 8 silently ignores configuration keys it does not know, so a typo
 * here shows up only as a default that did not change; the smoke test checks the ones that
 * matter through discovery and a real login.
 *
 * @param {Readonly<import('./options.mjs').DevIdpSettings>} settings
 * @param {{ jwks: { keys: object[] }, cookieKeys: string[] }} keys
 */
export function providerConfiguration(settings, { jwks, cookieKeys }) {
  return {
    clients: [gatewayClient(settings)],
    findAccount,
    jwks,
    cookies: cookieOptions(cookieKeys),
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
      backchannelLogout: { enabled: true },
      revocation: { enabled: true },
      introspection: { enabled: true },
      userinfo: { enabled: true },
    },
    pkce: {
      methods: ['S256'],
      // Required for every client and request, confidential or not (RFC 9700, 2.1.1).
      required: () => true,
    },
    responseTypes: ['code'],
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    scopes: ['openid', 'offline_access', 'profile', 'email', 'roles', 'tenant'],
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username'],
      email: ['email', 'email_verified'],
      roles: ['roles'],
      tenant: ['tenant_id', 'department'],
    },
    // OIDC Core puts scope-requested claims in the ID token only for response_type=id_token;
    // the gateway builds its event from the ID token alone, so they go there for code too.
    conformIdTokenClaims: false,
    clockTolerance: 5,
    ttl: {
      AccessToken: HOUR,
      AuthorizationCode: MINUTE,
      IdToken: HOUR,
      Interaction: HOUR,
      Grant: DAY,
      RefreshToken: DAY,
      Session: DAY,
    },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    renderError,
  };
}

function gatewayClient(settings) {
  return {
    client_id: GATEWAY_CLIENT_ID,
    client_name: 'identity-bus gateway',
    client_secret: settings.gatewaySecret,
    // oidc-provider 8 accepts client_secret_post from a client_secret_basic client (and the
    // reverse), so the gateway may send its secret either way.
    token_endpoint_auth_method: 'client_secret_basic',
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: [...settings.gatewayRedirectUris],
    post_logout_redirect_uris: [...settings.gatewayPostLogoutRedirectUris],
    backchannel_logout_uri: settings.gatewayBackchannelLogoutUri,
    backchannel_logout_session_required: true,
    id_token_signed_response_alg: 'RS256',
  };
}

/**
 * Cookies are signed with keys kept on disk. SameSite is Lax for both kinds: the default
 * SameSite=None needs the Secure flag, which a plain-http provider cannot set, so browsers
 * would drop those cookies and oidc-provider would fall back to a second copy of each.
 */
function cookieOptions(cookieKeys) {
  return {
    keys: cookieKeys,
    long: { signed: true, httpOnly: true, sameSite: 'lax' },
    short: { signed: true, httpOnly: true, sameSite: 'lax' },
  };
}

/**
 * Errors show the OAuth error code and its description only; the provider's default page
 * would also echo request values such as `state` and load a web font.
 */
async function renderError(ctx, out) {
  ctx.set(PAGE_HEADERS);
  ctx.body = errorPage('Request refused', out.error_description ?? '', out.error);
}

async function logoutSource(ctx, form) {
  ctx.set(PAGE_HEADERS);
  ctx.body = logoutPage(form, ctx.host);
}

async function postLogoutSuccessSource(ctx) {
  ctx.set(PAGE_HEADERS);
  ctx.body = logoutSuccessPage(ctx.oidc.client?.clientName);
}
