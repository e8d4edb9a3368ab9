export * from './lib/claims.validator';
export * from './lib/identity-event-type';
export * from './lib/identity-event.constants';
export * from './lib/identity-event.dto';
export * from './lib/uuid-v7';
export * from './lib/validate-identity-event';
