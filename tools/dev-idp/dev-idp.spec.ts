import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The provider is ESM and jest runs CommonJS here, so its proof (smoke.mjs) runs as its own
 * process, over real HTTP, and this test holds it to its result.
 */
describe('dev-idp', () => {
  it('passes its end-to-end smoke checks: discovery, PKCE code flow, login errors, logout', () => {
    const result = spawnSync(process.execPath, [join(__dirname, 'smoke.mjs')], {
      encoding: 'utf8',
      timeout: 60_000,
    });

    expect({ status: result.status, stderr: result.status === 0 ? '' : result.stderr }).toEqual({
      status: 0,
      stderr: '',
    });
    expect(result.stdout).toContain('dev-idp smoke: ok');
  });
});
