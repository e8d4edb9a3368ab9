import { Controller, Get, Inject, Res } from '@nestjs/common';
import { Response } from 'express';

import { AUDIT_STORE, AuditStore } from '../store/audit.store';

/** The body of `GET /health`. */
export interface HealthResponse {
  status: 'ok' | 'unavailable';
  store: 'up' | 'down';
}

/**
 * Whether the service can answer queries: 200 while the store answers, 503 while it does not.
 * Meant for readiness: restarting the service would not bring the database back.
 */
@Controller('health')
export class HealthController {
  constructor(@Inject(AUDIT_STORE) private readonly store: AuditStore) {}

  @Get()
  async health(@Res({ passthrough: true }) response: Response): Promise<HealthResponse> {
    try {
      await this.store.ping();
      return { status: 'ok', store: 'up' };
    } catch {
      // Probes repeat every few seconds; the consumer's retries already log the outage.
      response.status(503);
      return { status: 'unavailable', store: 'down' };
    }
  }
}
