import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  AUDIT_ERROR_CODES,
  CursorInvalidError,
  RangeInvalidError,
  StoreUnavailableError,
} from './audit.errors';

const DOCS = join(__dirname, '..', '..', '..', '..', 'docs', 'audit.md');

describe('the audit error registry', () => {
  it('lists exactly the codes docs/audit.md documents', () => {
    const documented = new Set(readFileSync(DOCS, 'utf8').match(/AUDIT_ERR_[A-Z_]+/g));

    expect([...documented].sort()).toEqual(Object.values(AUDIT_ERROR_CODES).sort());
  });

  it('makes a store outage retriable, and a bad query not', () => {
    const errors = [
      new StoreUnavailableError(new Error('ECONNREFUSED')),
      new CursorInvalidError('abc'),
      new RangeInvalidError('2023-10-27T11:00:00Z', '2023-10-27T10:00:00Z'),
    ];

    expect(errors.map(({ code, status, retriable }) => [code, status, retriable])).toEqual([
      ['AUDIT_ERR_STORE_UNAVAILABLE', 503, true],
      ['AUDIT_ERR_CURSOR_INVALID', 400, false],
      ['AUDIT_ERR_RANGE_INVALID', 400, false],
    ]);
  });
});
