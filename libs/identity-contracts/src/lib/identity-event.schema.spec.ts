import Ajv2020 from 'ajv/dist/2020';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { aliceLoggedIn } from '../testing/demo-events';
import { identityEventJsonSchema } from './identity-event.schema';
import { validateIdentityEvent } from './validate-identity-event';

const CHECKED_IN = join(__dirname, '..', '..', 'schema', 'identity-event.schema.json');

describe('identity event JSON Schema', () => {
  const generated = identityEventJsonSchema();

  if (process.env.UPDATE_SCHEMA === '1') {
    writeFileSync(CHECKED_IN, `${JSON.stringify(generated, null, 2)}\n`);
  }

  it('is checked in exactly as the DTO generates it (`nx run identity-contracts:schema`)', () => {
    expect(JSON.parse(readFileSync(CHECKED_IN, 'utf8'))).toEqual(generated);
  });

  it('agrees with the DTO on valid and invalid events', () => {
    const validate = new Ajv2020({ strict: false, validateFormats: false }).compile(generated);
    const samples: unknown[] = [
      aliceLoggedIn(),
      aliceLoggedIn({ roles: [] }),
      aliceLoggedIn({ roles: 'editor' as never }),
      aliceLoggedIn({ schemaVersion: 0 }),
      aliceLoggedIn({ eventType: 'userTeleported' as never }),
      aliceLoggedIn({ claims: { groups: ['a', 'b'], level: 3, mfa: true } }),
      aliceLoggedIn({ claims: { nested: { deep: 1 } } as never }),
      aliceLoggedIn({ timestamp: '2023-10-27' }),
      aliceLoggedIn({ expiresAt: '2023-10-27T18:30:00+02:00' }),
      aliceLoggedIn({ eventId: 'not-an-id' }),
      { ...aliceLoggedIn(), userId: undefined },
    ];

    for (const sample of samples) {
      expect([sample, validate(sample)]).toEqual([sample, validateIdentityEvent(sample).valid]);
    }
  });
});
