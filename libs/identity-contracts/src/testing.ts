/**
 * Test data for the projects that produce or consume identity events:
 * `@identity-bus/identity-contracts/testing`. Not part of the runtime contract.
 */
export * from './testing/demo-events';
