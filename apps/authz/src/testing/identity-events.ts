import { DEMO_USERS, DemoUser } from '@identity-bus/identity-contracts/testing';

export { identityEvent } from '@identity-bus/identity-contracts/testing';
export type { DemoUser } from '@identity-bus/identity-contracts/testing';

/** The instant tests freeze the clock at: Alice's login of the brief, two hours in. */
export const TEST_NOW = '2023-10-27T12:30:00Z';

/** The principal a policy sees for a demo user. */
export function principal(user: DemoUser) {
  return structuredClone(DEMO_USERS[user]);
}
