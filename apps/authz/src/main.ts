import { IDENTITY_EVENT_SCHEMA_VERSION } from '@identity-bus/identity-contracts';
console.log(IDENTITY_EVENT_SCHEMA_VERSION);
