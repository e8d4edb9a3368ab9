/** The injection token of the service's root pino logger. */
export const LOGGER = Symbol('LOGGER');

/** The injection token of the clock that decides which sessions are still live. */
export const CLOCK = Symbol('CLOCK');
