import { Controller, Get, Inject, type Type } from '@nestjs/common';
import type { LabConfig } from '../config/lab-config';
import type { LabDeclarations } from '../declarations/lab-declarations';
import { LAB_CONFIG } from '../lab-tokens';

export function healthController(d: LabDeclarations): Type<unknown> {
  @Controller('health')
  class HealthController {
    constructor(@Inject(LAB_CONFIG) private readonly config: LabConfig) {}

    /** Liveness, plus what the replay needs to know about the build it talks to. */
    @Get()
    @d.health
    health(): { status: 'ok'; mode: string; antiEnumeration: 'on' | 'off' } {
      return { status: 'ok', mode: this.config.mode, antiEnumeration: this.config.antiEnumeration ? 'on' : 'off' };
    }
  }
  return HealthController;
}
