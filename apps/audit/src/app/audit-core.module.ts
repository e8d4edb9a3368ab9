import { DynamicModule, Module } from '@nestjs/common';
import { Logger } from 'pino';

import { AUDIT_STORE, AuditStore } from './store/audit.store';

/** The injection token of the service's pino logger. */
export const AUDIT_LOGGER = Symbol('AUDIT_LOGGER');

/**
 * The store and the logger, opened before Nest starts and shared by the HTTP side and the
 * consumer's handler. The consumer library builds its own module, which imports this one.
 */
@Module({})
export class AuditCoreModule {
  static register(store: AuditStore, logger: Logger): DynamicModule {
    return {
      module: AuditCoreModule,
      providers: [
        { provide: AUDIT_STORE, useValue: store },
        { provide: AUDIT_LOGGER, useValue: logger },
      ],
      exports: [AUDIT_STORE, AUDIT_LOGGER],
    };
  }
}
