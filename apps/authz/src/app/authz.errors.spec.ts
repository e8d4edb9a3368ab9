import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { AUTHZ_ERROR_CODES, UserUnknownError } from './authz.errors';

const DOCS = join(__dirname, '..', '..', '..', '..', 'docs', 'authz.md');

describe('the error registry', () => {
  it('lists the same codes as docs/authz.md', () => {
    const section = readFileSync(DOCS, 'utf8').split('## Error codes')[1].split('\n## ')[0];
    const documented = [...section.matchAll(/^\|\s*`([A-Z0-9_]+)`\s*\|/gm)].map(
      (match) => match[1],
    );

    expect(documented.sort()).toEqual([...AUTHZ_ERROR_CODES].sort());
  });

  it('names the user an unknown-user error is about', () => {
    const error = new UserUnknownError('bob_1');

    expect(error).toMatchObject({
      code: 'AUTHZ_ERR_USER_UNKNOWN',
      message: 'No identity is known for user (bob_1).',
      status: 404,
      retriable: false,
    });
  });
});
