export * from './lib/config/env-reader';
export * from './lib/errors/app-error';
export * from './lib/http/app-error.filter';
export * from './lib/http/request-validation.pipe';
export * from './lib/logging/logger';
