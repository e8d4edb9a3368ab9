/** Where authz reads the time: session expiry depends on it, so tests fix it. */
export interface Clock {
  now(): Date;
}

/** The machine's clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that always reads the given instant. */
export function fixedClock(instant: string): Clock {
  const date = new Date(instant);
  return { now: () => new Date(date) };
}
