import { Logger } from 'pino';

import { AuditDatabase } from '../audit.config';
import { AuditStore } from './audit.store';
import { PostgresAuditStore } from './postgres-audit.store';
import { SqliteAuditStore } from './sqlite-audit.store';

/** Opens the configured store and brings its schema up to date. */
export async function openAuditStore(database: AuditDatabase, logger: Logger): Promise<AuditStore> {
  if (database.kind === 'postgres') return PostgresAuditStore.open({ url: database.url, logger });
  return SqliteAuditStore.open(database.path);
}
