#!/usr/bin/env node
/**
 * `npm test`: lint and every project's tests, with the real broker and PostgreSQL running for
 * the tests that need them (each test that needs the development provider starts its own).
 * Ends with the totals of every suite on a line of its own: `N passed, N failed`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { ensureKafka } from './kafka-control.mjs';
import { run } from './processes.mjs';

const RESULTS_DIR = join('tmp', 'test-results');

async function main() {
  rmSync(RESULTS_DIR, { recursive: true, force: true });
  rmSync(join('tmp', 'test-totals.txt'), { force: true });
  mkdirSync(RESULTS_DIR, { recursive: true });
  const lintCode = await run('npx', ['nx', 'run-many', '-t', 'lint', '--outputStyle=static']);

  const stopKafka = ensureKafka();
  const postgresUrl = await ensurePostgres();
  let testCode;
  try {
    testCode = await run('npx', ['nx', 'run-many', '-t', 'test', '--outputStyle=static'], {
      env: { ...process.env, AUDIT_TEST_DATABASE_URL: postgresUrl },
    });
  } finally {
    stopKafka();
  }

  const totals = readTotals();
  if (lintCode !== 0) console.log('lint: failed');
  const line = `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`;
  writeFileSync(join('tmp', 'test-totals.txt'), `${line}\n`);
  console.log(line);
  process.exit(lintCode || testCode || (totals.failed > 0 ? 1 : 0));
}

async function ensurePostgres() {
  if (process.env.AUDIT_TEST_DATABASE_URL) return process.env.AUDIT_TEST_DATABASE_URL;
  const code = await run(process.execPath, ['tools/postgres/postgres.mjs', 'start']);
  if (code !== 0) throw new Error('PostgreSQL did not start (tools/postgres/postgres.mjs).');
  return `postgres://identity_bus@127.0.0.1:${process.env.PG_PORT ?? 5433}/identity_bus_test`;
}

/** Sums what tools/testing/totals-reporter.js wrote for each jest run. */
function readTotals() {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  if (!existsSync(RESULTS_DIR)) return totals;
  for (const file of readdirSync(RESULTS_DIR)) {
    const result = JSON.parse(readFileSync(join(RESULTS_DIR, file), 'utf8'));
    totals.passed += result.passed;
    totals.failed += result.failed;
    totals.skipped += result.skipped;
  }
  return totals;
}

main().catch((error) => {
  console.error(`test: ${error.message}`);
  process.exit(1);
});
