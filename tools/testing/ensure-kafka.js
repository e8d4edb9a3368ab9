/**
 * jest globalSetup for projects whose tests need the broker: starts the development broker
 * unless it runs already or KAFKA_BROKERS names another. It is left running afterwards (stop it
 * with `npm run kafka stop`); `npm test` stops the broker it started itself.
 */
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

module.exports = async function ensureKafka() {
  if (process.env.KAFKA_BROKERS) return;
  const tool = join(__dirname, '..', 'kafka', 'kafka.mjs');
  const result = spawnSync(process.execPath, [tool, 'start'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('The Kafka broker could not be started for the tests.');
};
