import { errors as oidcErrors } from 'oidc-provider';

import { accounts, authenticate } from './accounts.mjs';
import { DevIdpError, codes } from './errors.mjs';
import { PAGE_HEADERS, errorPage, loginPage } from './pages.mjs';

/**
 * The dev provider's interaction routes, where oidc-provider hands the browser over whenever
 * an authorization request needs the End-User:
 *
 *   GET  /interaction/:uid         shows the login page, or settles consent without a page
 *   POST /interaction/:uid/login   checks the credentials, then resumes the authorization
 *   GET  /interaction/:uid/abort   resumes the authorization with access_denied
 *
 * Consent is granted automatically, and only for first-party clients: the gateway is ours,
 * so asking the End-User to approve it would only add a click to every test.
 */

const ROUTE = /^\/interaction\/([\w-]+)(?:\/(login|abort))?$/;
const MAX_FORM_BYTES = 8 * 1024;
const USERNAMES = Object.freeze(accounts.map(({ username }) => username));

/**
 * @param {import('oidc-provider').default} provider
 * @param {{ firstPartyClientIds: ReadonlySet<string> }} policy
 * @returns {(req: import('node:http').IncomingMessage,
 *   res: import('node:http').ServerResponse) => Promise<boolean>} true when it served the request
 */
export function createInteractionRoutes(provider, policy) {
  return async function serveInteraction(req, res) {
    const route = matchRoute(req);
    if (!route) {
      return false;
    }

    try {
      const interaction = await loadInteraction(provider, req, res, route.uid);
      await route.action({ provider, policy, req, res, interaction });
    } catch (err) {
      renderFailure(provider, res, err);
    }
    return true;
  };
}

const ACTIONS = Object.freeze({
  'GET ': showPrompt,
  'POST login': submitLogin,
  'GET abort': abort,
});

/** A target that is no URL at all is left to oidc-provider, which answers it with a 400. */
function matchRoute(req) {
  const base = 'http://dev-idp.invalid';
  const pathname = URL.canParse(req.url, base) ? new URL(req.url, base).pathname : '';
  const [, uid, step = ''] = ROUTE.exec(pathname) ?? [];
  const action = uid && ACTIONS[`${req.method} ${step}`];
  return action ? { uid, action } : undefined;
}

/** The interaction cookie names the interaction; the path must name the same one. */
async function loadInteraction(provider, req, res, uid) {
  const interaction = await provider.interactionDetails(req, res);
  if (interaction.uid !== uid) {
    throw new DevIdpError(
      codes.INTERACTION_MISMATCH,
      'This page belongs to another sign-in request than the one this browser is in. ' +
        'Go back to the application and start again.',
      { status: 400 },
    );
  }
  return interaction;
}

async function showPrompt(context) {
  const { name } = context.interaction.prompt;
  if (name === 'login') {
    await renderLogin(context, 200, {});
  } else if (name === 'consent') {
    await grantConsent(context);
  } else {
    throw new DevIdpError(
      codes.PROMPT_UNSUPPORTED,
      `The provider asked for the "${name}" prompt; this dev provider handles login and consent.`,
      { status: 400 },
    );
  }
}

async function submitLogin(context) {
  const { provider, req, res, interaction } = context;
  requireLoginPrompt(interaction);

  const form = await readForm(req);
  const username = form.get('username') ?? '';
  const accountId = authenticate(username, form.get('password'));
  if (!accountId) {
    await renderLogin(context, 401, { username, error: 'Invalid username or password.' });
    return;
  }

  const result = { login: { accountId } };
  await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
}

async function abort({ provider, req, res }) {
  const result = {
    error: 'access_denied',
    error_description: 'End-User cancelled the sign-in',
  };
  await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
}

/**
 * Grants what is missing from the current grant (the prompt details list it), and nothing
 * else: the scopes and claims the client asked for, within what the provider supports.
 */
async function grantConsent({ provider, policy, req, res, interaction }) {
  const { params, session, grantId, prompt } = interaction;
  requireFirstParty(policy, params.client_id);

  const existing = grantId ? await provider.Grant.find(grantId) : undefined;
  const grant =
    existing ?? new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
  addMissing(grant, prompt.details);

  const result = { consent: { grantId: await grant.save() } };
  await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: true });
}

function addMissing(grant, { missingOIDCScope, missingOIDCClaims, missingResourceScopes }) {
  if (missingOIDCScope) {
    grant.addOIDCScope(missingOIDCScope.join(' '));
  }
  if (missingOIDCClaims) {
    grant.addOIDCClaims(missingOIDCClaims);
  }
  for (const [indicator, scopes] of Object.entries(missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }
}

function requireFirstParty(policy, clientId) {
  if (!policy.firstPartyClientIds.has(clientId)) {
    throw new DevIdpError(
      codes.CLIENT_NOT_FIRST_PARTY,
      `The client (${clientId}) is not first-party; this dev provider has no consent page.`,
      { status: 403 },
    );
  }
}

function requireLoginPrompt(interaction) {
  if (interaction.prompt.name !== 'login') {
    throw new DevIdpError(
      codes.PROMPT_UNSUPPORTED,
      `The sign-in request waits for "${interaction.prompt.name}", not for a login.`,
      { status: 400 },
    );
  }
}

async function renderLogin({ provider, res, interaction }, status, { username, error }) {
  const { uid, params } = interaction;
  const client = await provider.Client.find(params.client_id);
  const page = loginPage({
    action: `/interaction/${uid}/login`,
    abortUrl: `/interaction/${uid}/abort`,
    clientName: client?.clientName ?? params.client_id,
    username,
    error,
    usernames: USERNAMES,
  });
  send(res, status, page);
}

/** Reads an urlencoded form; the size cap keeps a runaway client from filling memory. */
async function readForm(req) {
  const type = req.headers['content-type'] ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded')) {
    throw badForm(`a form post (application/x-www-form-urlencoded), got "${type}"`);
  }

  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) {
      throw badForm(`a form of at most ${MAX_FORM_BYTES} bytes`);
    }
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function badForm(expected) {
  return new DevIdpError(
    codes.REQUEST_BODY_INVALID,
    `The login request could not be read; expected ${expected}.`,
    { status: 400 },
  );
}

/**
 * Shows the failure on a plain page. An unexpected failure is emitted for the CLI to report;
 * the page then names no detail, which might carry request data.
 */
function renderFailure(provider, res, err) {
  const known = describeFailure(err);
  if (!known) {
    provider.emit('dev-idp.interaction_error', err);
  }
  if (res.headersSent) {
    res.destroy();
    return;
  }

  const { status, title, message, code } = known ?? {
    status: 500,
    title: 'Something went wrong',
    message: 'The development provider failed to handle this request; see its output.',
  };
  send(res, status, errorPage(title, message, code));
}

function describeFailure(err) {
  if (err instanceof oidcErrors.SessionNotFound) {
    return {
      status: 400,
      title: 'Sign-in expired',
      message:
        'This sign-in request has expired or is unknown to this browser. ' +
        'Go back to the application and start again.',
      code: codes.INTERACTION_NOT_FOUND,
    };
  }
  if (err instanceof DevIdpError) {
    const { status, message, code } = err;
    return { status, title: 'Sign-in refused', message, code };
  }
  return undefined;
}

function send(res, status, html) {
  res.writeHead(status, { ...PAGE_HEADERS, 'content-length': Buffer.byteLength(html) });
  res.end(html);
}
