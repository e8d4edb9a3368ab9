/**
 * Resolves the broker's jars from Maven Central into the cache, once. The cache is complete
 * only when its marker file exists, so an interrupted fetch is simply redone.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pom = join(dirname(fileURLToPath(import.meta.url)), 'pom.xml');

/** Returns the broker's Java classpath, fetching the jars first when the cache lacks them. */
export async function fetchBroker(settings) {
  const libDir = join(settings.cacheDir, 'lib');
  const marker = join(settings.cacheDir, 'complete');
  if (!existsSync(marker)) runMaven(settings, libDir, marker);
  return readdirSync(libDir)
    .filter((name) => name.endsWith('.jar'))
    .map((name) => join(libDir, name))
    .join(':');
}

function runMaven(settings, libDir, marker) {
  rmSync(settings.cacheDir, { recursive: true, force: true });
  mkdirSync(libDir, { recursive: true });
  console.log(`kafka: fetching Apache Kafka ${settings.version} from Maven Central`);

  const result = spawnSync(
    'mvn',
    [
      '-q',
      '-B',
      '-f',
      pom,
      `-Dkafka.version=${settings.version}`,
      'dependency:copy-dependencies',
      '-DincludeScope=runtime',
      `-DoutputDirectory=${libDir}`,
    ],
    { stdio: 'inherit' },
  );
  if (result.error?.code === 'ENOENT') {
    throw new Error('Maven (mvn) is not on the PATH; install it or set KAFKA_BROKERS.');
  }
  if (result.status !== 0) {
    throw new Error(`Maven could not resolve org.apache.kafka:kafka_2.13:${settings.version}.`);
  }
  writeFileSync(marker, `${new Date().toISOString()}\n`);
}
