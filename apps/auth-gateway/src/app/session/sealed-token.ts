import { createHash } from 'node:crypto';
import { EncryptJWT, jwtDecrypt, JWTPayload } from 'jose';

/**
 * Seals a small payload into an encrypted, authenticated token (JWE, `dir` + A256GCM) that only
 * this deployment can open. Cookies carry these, so the gateway keeps no server-side state and
 * any replica can finish a login another replica started.
 */
export class SealedToken<T extends object> {
  private readonly key: Uint8Array;

  /** `purpose` gives each kind of token its own key, so one can never be replayed as another. */
  constructor(
    secret: string,
    private readonly purpose: string,
  ) {
    this.key = createHash('sha256').update(`${purpose}\0${secret}`).digest();
  }

  async seal(payload: T, ttlSec: number): Promise<string> {
    return new EncryptJWT({ ...(payload as JWTPayload) })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setIssuedAt()
      .setExpirationTime(`${ttlSec}s`)
      .setSubject(this.purpose)
      .encrypt(this.key);
  }

  /** Returns the payload, or undefined when the token is forged, tampered with or expired. */
  async open(token: string | undefined): Promise<T | undefined> {
    if (!token) return undefined;
    try {
      const { payload } = await jwtDecrypt(token, this.key, { subject: this.purpose });
      return payload as T;
    } catch {
      return undefined;
    }
  }
}
