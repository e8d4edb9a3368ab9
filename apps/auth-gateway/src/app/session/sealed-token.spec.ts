import { SealedToken } from './sealed-token';

interface Payload {
  sessionId: string;
  roles: string[];
}

const SECRET = 'a-test-secret-of-at-least-32-characters';
const PAYLOAD: Payload = { sessionId: 'c2Vzc2lvbi1vZi1hbGljZQ', roles: ['user', 'editor'] };
const SEALED_AT = new Date('2023-10-27T10:30:00Z');

/** Freezes the clock the JWT library reads (`new Date()`), and nothing else. */
function setClock(at: Date): void {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'], now: at });
}

function secondsAfter(start: Date, seconds: number): Date {
  return new Date(start.getTime() + seconds * 1000);
}

describe('SealedToken', () => {
  const sessions = new SealedToken<Payload>(SECRET, 'session');

  beforeEach(() => setClock(SEALED_AT));
  afterEach(() => jest.useRealTimers());

  it('opens what it sealed', async () => {
    const token = await sessions.seal(PAYLOAD, 60);

    await expect(sessions.open(token)).resolves.toMatchObject(PAYLOAD);
  });

  it('hides the payload: the token does not show it', async () => {
    const token = await sessions.seal(PAYLOAD, 60);

    const decoded = token
      .split('.')
      .map((part) => Buffer.from(part, 'base64url').toString('latin1'))
      .join('.');
    expect(decoded).not.toContain(PAYLOAD.sessionId);
    expect(decoded).not.toContain('editor');
  });

  it('opens a token until its time runs out', async () => {
    const token = await sessions.seal(PAYLOAD, 60);

    setClock(secondsAfter(SEALED_AT, 59));
    await expect(sessions.open(token)).resolves.toMatchObject(PAYLOAD);
  });

  it('opens an expired token to undefined', async () => {
    const token = await sessions.seal(PAYLOAD, 60);

    setClock(secondsAfter(SEALED_AT, 60));
    await expect(sessions.open(token)).resolves.toBeUndefined();
  });

  it.each([
    ['header', 0],
    ['ciphertext', 3],
    ['authentication tag', 4],
  ])('opens a token whose %s was tampered with to undefined', async (_part, index) => {
    const parts = (await sessions.seal(PAYLOAD, 60)).split('.');
    parts[index] = flipFirstBit(parts[index]);

    await expect(sessions.open(parts.join('.'))).resolves.toBeUndefined();
  });

  it('opens a token sealed for another purpose to undefined', async () => {
    const loginState = new SealedToken<Payload>(SECRET, 'login-state');

    const token = await loginState.seal(PAYLOAD, 60);

    await expect(sessions.open(token)).resolves.toBeUndefined();
  });

  it('opens a token sealed with another secret to undefined', async () => {
    const other = new SealedToken<Payload>(`${SECRET}-other`, 'session');

    const token = await other.seal(PAYLOAD, 60);

    await expect(sessions.open(token)).resolves.toBeUndefined();
  });

  it('opens no token, an empty one, or one that is not a JWE to undefined', async () => {
    await expect(sessions.open(undefined)).resolves.toBeUndefined();
    await expect(sessions.open('')).resolves.toBeUndefined();
    await expect(sessions.open('not.a.token')).resolves.toBeUndefined();
  });
});

function flipFirstBit(part: string): string {
  const bytes = Buffer.from(part, 'base64url');
  bytes[0] ^= 1;
  return bytes.toString('base64url');
}
