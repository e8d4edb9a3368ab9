import { Controller, Get, Inject, Query } from '@nestjs/common';

import { AUDIT_STORE, AuditStore } from '../store/audit.store';
import { toAuditFilter } from './audit-filter';
import { AuditPageResponse, toAuditPageResponse } from './audit-page.response';
import { AuditQueryDto } from './audit-query.dto';

/** The audit trail over HTTP, read-only. */
@Controller('v1/audit')
export class AuditController {
  constructor(@Inject(AUDIT_STORE) private readonly store: AuditStore) {}

  /** Pages through the trail in (timestamp, eventId) order, oldest first. */
  @Get()
  async query(@Query() query: AuditQueryDto): Promise<AuditPageResponse> {
    const page = await this.store.query(toAuditFilter(query));
    return toAuditPageResponse(page);
  }
}
