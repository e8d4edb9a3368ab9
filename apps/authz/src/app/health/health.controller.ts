import { Controller, Get } from '@nestjs/common';

/** Liveness: the HTTP server answers. It says nothing of the registry's catching up. */
@Controller('health')
export class HealthController {
  @Get()
  check(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
