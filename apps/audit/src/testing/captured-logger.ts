import pino, { Logger } from 'pino';

/** A pino logger whose lines the test can read back, parsed. */
export function capturedLogger(level = 'info'): {
  logger: Logger;
  lines: Record<string, unknown>[];
} {
  const lines: Record<string, unknown>[] = [];
  const stream = { write: (line: string) => lines.push(JSON.parse(line)) };
  return { logger: pino({ level }, stream), lines };
}
