/**
 * A jest reporter that writes one project's totals to tmp/test-results, so `npm test` can print
 * the totals of every suite at the end. A suite that fails before running its tests (a compile
 * error, a failing hook) counts as one failure, so it can never vanish from the count.
 */
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

class TotalsReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const dir = join(__dirname, '..', '..', 'tmp', 'test-results');
    mkdirSync(dir, { recursive: true });
    const name = this.rootDir.replace(/[^A-Za-z0-9]+/g, '_');
    const totals = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
    };
    writeFileSync(join(dir, `${name}.json`), JSON.stringify(totals));
  }
}

module.exports = TotalsReporter;
