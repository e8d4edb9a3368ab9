/**
 * The dev provider's error registry: every way it refuses to start or to serve a page has a
 * stable code here, so a test or a script can match on the code instead of the sentence.
 */
export const codes = Object.freeze({
  OPTION_UNKNOWN: 'DEV_IDP_ERR_OPTION_UNKNOWN',
  OPTION_INVALID: 'DEV_IDP_ERR_OPTION_INVALID',
  PORT_IN_USE: 'DEV_IDP_ERR_PORT_IN_USE',
  KEYS_FILE_INVALID: 'DEV_IDP_ERR_KEYS_FILE_INVALID',
  REQUEST_BODY_INVALID: 'DEV_IDP_ERR_REQUEST_BODY_INVALID',
  INTERACTION_NOT_FOUND: 'DEV_IDP_ERR_INTERACTION_NOT_FOUND',
  INTERACTION_MISMATCH: 'DEV_IDP_ERR_INTERACTION_MISMATCH',
  PROMPT_UNSUPPORTED: 'DEV_IDP_ERR_PROMPT_UNSUPPORTED',
  CLIENT_NOT_FIRST_PARTY: 'DEV_IDP_ERR_CLIENT_NOT_FIRST_PARTY',
  CLIENT_NOT_FOUND: 'DEV_IDP_ERR_CLIENT_NOT_FOUND',
});

/**
 * A failure of the dev provider itself (not an OAuth error, which oidc-provider reports).
 *
 * `status` is the HTTP status a page shows for it; a start-up failure keeps the default.
 */
export class DevIdpError extends Error {
  /**
   * @param {string} code one of `codes`
   * @param {string} message a sentence naming what was wrong and what was expected
   * @param {{ status?: number, cause?: unknown }} [details]
   */
  constructor(code, message, { status = 500, cause } = {}) {
    super(message, { cause });
    this.name = 'DevIdpError';
    this.code = code;
    this.status = status;
  }
}
