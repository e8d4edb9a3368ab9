/** What every error of ours carries: a stable code, a safe sentence, and how to react. */
export interface AppErrorOptions {
  /** The HTTP status a request that failed this way answers with. */
  status?: number;
  /** Whether the same work may succeed later: a consumer retries it, or else dead-letters it. */
  retriable?: boolean;
  cause?: unknown;
}

/**
 * The base of every error the apps and libraries raise on purpose. `code` is stable and
 * documented; `message` is a sentence safe to show to a caller; the cause goes to the log only.
 */
export class AppError extends Error {
  readonly status: number;
  readonly retriable: boolean;

  constructor(
    readonly code: string,
    message: string,
    options: AppErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.status = options.status ?? 500;
    this.retriable = options.retriable ?? false;
  }
}

/** A setting that is missing or malformed: the start stops with a sentence naming it. */
export class ConfigError extends AppError {
  constructor(readonly problems: string[]) {
    super('CONFIG_INVALID', `Invalid configuration: ${problems.join('; ')}`);
  }
}
