import { createHash } from 'node:crypto';

import { createPkcePair } from './pkce';

/** RFC 7636 §4.2: code_challenge = BASE64URL-ENCODE(SHA256(ASCII(code_verifier))). */
function s256(codeVerifier: string): string {
  return createHash('sha256').update(codeVerifier, 'ascii').digest('base64url');
}

/** RFC 7636 §4.1: 43 to 128 characters of [A-Z] / [a-z] / [0-9] / "-" / "." / "_" / "~". */
const CODE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

describe('createPkcePair', () => {
  it("checks against an S256 that reproduces RFC 7636's example (Appendix B)", () => {
    expect(s256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes a code verifier of the characters and length RFC 7636 allows', () => {
    const { codeVerifier } = createPkcePair();

    expect(codeVerifier).toMatch(CODE_VERIFIER);
  });

  it('makes the challenge the S256 of the verifier, unpadded base64url', () => {
    const { codeVerifier, codeChallenge } = createPkcePair();

    expect(codeChallenge).toBe(s256(codeVerifier));
    expect(codeChallenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('makes a new verifier every time', () => {
    const verifiers = new Set(Array.from({ length: 50 }, () => createPkcePair().codeVerifier));

    expect(verifiers.size).toBe(50);
  });
});
