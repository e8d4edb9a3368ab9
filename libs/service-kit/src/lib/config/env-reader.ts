import { ConfigError } from '../errors/app-error';

type Env = Record<string, string | undefined>;

/**
 * Reads settings from the environment once, at start. Every problem is collected, so a bad
 * deployment learns about all of them at once; `done()` throws a ConfigError naming each.
 */
export class EnvReader {
  private readonly problems: string[] = [];

  constructor(private readonly env: Env = process.env) {}

  string(name: string, fallback?: string): string {
    const value = this.env[name]?.trim();
    if (value) return value;
    if (fallback !== undefined) return fallback;
    this.problems.push(`${name} is required`);
    return '';
  }

  optional(name: string): string | undefined {
    return this.env[name]?.trim() || undefined;
  }

  int(name: string, fallback: number, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const value = /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be an integer from ${min} to ${max} (got ${raw})`);
      return fallback;
    }
    return value;
  }

  bool(name: string, fallback: boolean): boolean {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const word = raw.toLowerCase();
    if (word === 'true' || word === '1') return true;
    if (word === 'false' || word === '0') return false;
    this.problems.push(`${name} must be true or false (got ${raw})`);
    return fallback;
  }

  list(name: string, fallback: string[]): string[] {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    return raw
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
  }

  url(name: string, fallback?: string): URL {
    const raw = this.string(name, fallback);
    try {
      return new URL(raw);
    } catch {
      if (raw) this.problems.push(`${name} must be an absolute URL (got ${raw})`);
      return new URL('http://invalid.invalid');
    }
  }

  oneOf<T extends string>(name: string, choices: readonly T[], fallback: T): T {
    const raw = this.optional(name) ?? fallback;
    if ((choices as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name} must be one of ${choices.join(', ')} (got ${raw})`);
    return fallback;
  }

  /** Records a problem found by a check that spans several settings. */
  problem(sentence: string): void {
    this.problems.push(sentence);
  }

  /** Throws when any setting was bad; otherwise returns the value deeply frozen. */
  done<T extends object>(config: T): Readonly<T> {
    if (this.problems.length > 0) throw new ConfigError(this.problems);
    return deepFreeze(config);
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !(value instanceof URL)) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
