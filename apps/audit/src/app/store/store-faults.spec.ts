import { DatabaseError } from 'pg';

import { isPostgresStoreFault, isSqliteStoreFault } from './store-faults';

// The faults below are built by hand: a real server cannot be made to fail each way on demand.
function databaseError(code: string): DatabaseError {
  const error = new DatabaseError('server said no', 0, 'error');
  error.code = code;
  return error;
}

function socketError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 127.0.0.1:5433`), { code });
}

describe('isPostgresStoreFault', () => {
  it.each([
    ['the server shutting down (57P01)', databaseError('57P01')],
    ['the server starting up (57P03)', databaseError('57P03')],
    ['too many connections (53300)', databaseError('53300')],
    ['a broken connection (08006)', databaseError('08006')],
    ['a rotated password (28P01)', databaseError('28P01')],
    ['a read-only replica after a failover (25006)', databaseError('25006')],
    ['a refused connection', socketError('ECONNREFUSED')],
    ['a reset connection', socketError('ECONNRESET')],
    ['a connection lost mid-query', new Error('Connection terminated unexpectedly')],
    [
      'a pool that found no connection in time',
      new Error('timeout exceeded when trying to connect'),
    ],
    ['a refusal on every address tried', new AggregateError([socketError('ECONNREFUSED')])],
    ['a fault wrapped as a cause', new Error('append failed', { cause: databaseError('57P01') })],
  ])('counts %s as the store failing', (_, error) => {
    expect(isPostgresStoreFault(error)).toBe(true);
  });

  it.each([
    ['a value the column refuses (22001)', databaseError('22001')],
    ['a constraint the row breaks (23514)', databaseError('23514')],
    ['a bug of ours', new TypeError('Cannot read properties of undefined')],
    ['something that is not an error', 'a string'],
  ])('counts %s as the event failing', (_, error) => {
    expect(isPostgresStoreFault(error)).toBe(false);
  });
});

describe('isSqliteStoreFault', () => {
  it.each([
    'SQLITE_BUSY',
    'SQLITE_FULL',
    'SQLITE_IOERR_WRITE',
    'SQLITE_CANTOPEN',
    'SQLITE_READONLY',
  ])('counts %s as the store failing', (code) => {
    expect(isSqliteStoreFault(socketError(code))).toBe(true);
  });

  it.each(['SQLITE_CONSTRAINT_DATATYPE', 'SQLITE_TOOBIG', 'SQLITE_MISMATCH'])(
    'counts %s as the event failing',
    (code) => {
      expect(isSqliteStoreFault(socketError(code))).toBe(false);
    },
  );
});
