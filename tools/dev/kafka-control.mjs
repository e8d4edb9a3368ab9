/** Starts the development broker unless KAFKA_BROKERS names one; says whether it started it. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const KAFKA_TOOL = fileURLToPath(new URL('../kafka/kafka.mjs', import.meta.url));

export function kafkaRunning() {
  return spawnSync(process.execPath, [KAFKA_TOOL, 'status'], { stdio: 'ignore' }).status === 0;
}

export function kafka(command) {
  const result = spawnSync(process.execPath, [KAFKA_TOOL, command], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`node tools/kafka/kafka.mjs ${command} failed.`);
}

/** Returns a function that stops the broker again if this call started it. */
export function ensureKafka() {
  if (process.env.KAFKA_BROKERS) return () => undefined;
  const wasRunning = kafkaRunning();
  kafka('start');
  return wasRunning ? () => undefined : () => kafka('stop');
}
