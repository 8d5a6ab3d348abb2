import { Controller, Get, Query, type Type } from '@nestjs/common';
import type { SecurityEvent } from 'apiward';
import type { LabDeclarations } from '../declarations/lab-declarations';
import { LabInventory, type LabInventoryEntry } from '../inventory/lab-inventory';
import { Outbox, type OutboxMessage } from '../services/outbox';
import { SecurityEventLog } from '../services/security-event-log';
import { optionalStringField } from '../services/request-fields';

/** Instrumentation for the replay only: the simulated mailbox, the route inventory, the security events. */
export function labController(d: LabDeclarations): Type<unknown> {
  @Controller('_lab')
  class LabController {
    constructor(
      private readonly outbox: Outbox,
      private readonly inventory: LabInventory,
      private readonly events: SecurityEventLog,
    ) {}

    @Get('outbox')
    @d.labInstrumentation
    readOutbox(@Query() query: unknown): OutboxMessage[] {
      return this.outbox.list(optionalStringField(query, 'to', 320));
    }

    @Get('inventory')
    @d.labInstrumentation
    readInventory(): readonly LabInventoryEntry[] {
      return this.inventory.routes();
    }

    @Get('events')
    @d.labInstrumentation
    readEvents(): readonly SecurityEvent[] {
      return this.events.list();
    }
  }
  return LabController;
}
