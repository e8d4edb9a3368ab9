import { logLevel } from 'kafkajs';
import pino from 'pino';
import { Writable } from 'node:stream';

import { pinoLogCreator } from './kafka-log-creator';

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

describe('pinoLogCreator', () => {
  it("writes kafkajs' entries as structured pino lines, fields kept as fields", () => {
    const { logger, lines } = capturingLogger();
    const log = pinoLogCreator(logger)(logLevel.INFO);

    log({
      namespace: 'Consumer',
      level: logLevel.WARN,
      label: 'WARN',
      log: {
        message: 'Stopped',
        timestamp: '2026-12-03T17:32:12.920Z',
        logger: 'kafkajs',
        groupId: 'identity-bus-audit',
      },
    });

    expect(lines).toEqual([
      expect.objectContaining({
        level: 40,
        component: 'kafkajs',
        namespace: 'Consumer',
        groupId: 'identity-bus-audit',
        msg: 'Stopped',
      }),
    ]);
    expect(lines[0]).not.toHaveProperty('timestamp');
  });

  it('maps each kafkajs level to the pino level of the same name', () => {
    const { logger, lines } = capturingLogger();
    const log = pinoLogCreator(logger)(logLevel.DEBUG);
    const levels = [logLevel.ERROR, logLevel.WARN, logLevel.INFO, logLevel.DEBUG];

    for (const level of levels) {
      log({ namespace: 'Runner', level, label: '', log: { message: 'm', timestamp: '' } });
    }

    expect(lines.map((line) => line.level)).toEqual([50, 40, 30, 20]);
  });
});
