import { Body, Controller, Get, HttpCode, Inject, Injectable, Module, NotFoundException, Param, Post, Query, VersioningType, type INestApplication, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { Server } from 'node:http';
import type { ApiwardOptions, OwnershipContext, OwnershipPolicy } from '../../../src';
import { AnyAuthenticated, ApiwardModule, ExposeFields, LeastPrivilege, Owns, Principal, Public, RequireAuth } from '../../../src/nest';
import { baseUrlOf } from '../http';
import {
  ADMIN_STEP_UP,
  CATALOG_REASON,
  CUSTOMER_EXPOSURE,
  CUSTOMERS,
  DOCUMENT_TENANTS,
  fragilePolicy,
  HEALTH_REASON,
  INVOICE_IDS,
  ME_REASON,
  ownRecordOrSupport,
  PAGE_EXPOSURE,
  SCOPES,
  tenantOwnsDocument,
  type CustomerRow,
} from './least-privilege-api';
import type { TestApp } from './test-api';

@Injectable()
class DocumentRepository {
  readonly tenants = DOCUMENT_TENANTS;
}

/** An injectable policy class: Nest resolves it (and its repository) from the providers. */
@Injectable()
class TenantPolicy implements OwnershipPolicy {
  constructor(@Inject(DocumentRepository) private readonly documents: DocumentRepository) {}
  check(ctx: OwnershipContext): boolean {
    return tenantOwnsDocument(ctx, this.documents.tenants);
  }
}

/** Declared as a policy but never registered as a provider: every request must be denied. */
class UnregisteredPolicy implements OwnershipPolicy {
  check(): boolean {
    return true;
  }
}

@Controller()
class HealthController {
  @Get('health')
  @Public({ reason: HEALTH_REASON })
  health(): { status: string } {
    return { status: 'ok' };
  }
}

@Controller()
class LeastPrivilegeController {
  @Get('customers/:id')
  @LeastPrivilege({ anyOf: [SCOPES.customerRead, SCOPES.supportReadAny] })
  @Owns(ownRecordOrSupport, { ids: ['id'] })
  @ExposeFields(CUSTOMER_EXPOSURE)
  customer(@Param('id') id: string): CustomerRow {
    const row = CUSTOMERS.get(Number(id));
    if (row === undefined) throw new NotFoundException();
    return row;
  }

  @Get('customers')
  @LeastPrivilege(SCOPES.supportReadAny)
  @ExposeFields(PAGE_EXPOSURE)
  customers(): unknown {
    return { data: [...CUSTOMERS.values()], total: CUSTOMERS.size, debug: { query: 'select * from customers' } };
  }

  @Get('invoices')
  @AnyAuthenticated({ reason: 'invoices are filtered by the policy' })
  @Owns(() => true, { ids: INVOICE_IDS })
  invoice(@Query('id') id: string): { id: string } {
    return { id };
  }

  @Get('orders')
  @LeastPrivilege(SCOPES.ordersRead, SCOPES.ordersWrite)
  orders(): { ok: true } {
    return { ok: true };
  }

  @Get('orders/summary')
  @LeastPrivilege({ anyOf: [SCOPES.ordersRead, SCOPES.ordersAdmin] })
  summary(): { ok: true } {
    return { ok: true };
  }

  @Post('admin/accounts/:id/email')
  @HttpCode(200)
  @LeastPrivilege(SCOPES.adminAccounts, ADMIN_STEP_UP)
  changeEmail(@Param('id') id: string, @Body() _body: unknown): { changed: string } {
    return { changed: id };
  }

  @Get('tenants/:tenantId/documents/:docId')
  @AnyAuthenticated({ reason: 'tenancy is checked by TenantPolicy' })
  @Owns(TenantPolicy, { ids: [{ param: 'docId', kind: 'opaque' }], onDenied: 'forbidden' })
  document(@Param('docId') docId: string): { docId: string } {
    return { docId };
  }

  @Get('fragile/:id')
  @AnyAuthenticated({ reason: 'ownership decides' })
  @Owns(fragilePolicy, { ids: ['id'] })
  fragile(): { leaked: true } {
    return { leaked: true };
  }

  @Get('unresolvable/:id')
  @AnyAuthenticated({ reason: 'ownership decides' })
  @Owns(UnregisteredPolicy, { ids: ['id'] })
  unresolvable(): { leaked: true } {
    return { leaked: true };
  }

  @Get('me')
  @AnyAuthenticated({ reason: ME_REASON })
  me(@Principal() principal: Principal): { subject: string } {
    return { subject: principal.subject };
  }

  @Get('reports')
  @RequireAuth()
  reports(): { leaked: true } {
    return { leaked: true };
  }

  @Get('forgotten')
  forgotten(): { leaked: true } {
    return { leaked: true };
  }
}

@Controller({ path: 'catalog', version: '1' })
class CatalogV1Controller {
  // The legacy version nobody declared: closed by deny-by-default, listed as undeclared.
  @Get(':id')
  item(@Param('id') id: string): { id: string; version: 1 } {
    return { id, version: 1 };
  }
}

@Controller({ path: 'catalog', version: '2' })
class CatalogV2Controller {
  @Get(':id')
  @AnyAuthenticated({ reason: CATALOG_REASON })
  item(@Param('id') id: string): { id: string; version: 2 } {
    return { id, version: 2 };
  }
}

function testModule(options: ApiwardOptions): new () => object {
  @Module({
    imports: [ApiwardModule.forRoot(options)],
    controllers: [HealthController, LeastPrivilegeController, CatalogV1Controller, CatalogV2Controller],
    providers: [DocumentRepository, TenantPolicy],
  })
  class LeastPrivilegeModule {}
  return LeastPrivilegeModule;
}

export interface NestLeastPrivilegeApp extends TestApp {
  readonly app: INestApplication;
}

async function listen(platform: string, app: INestApplication): Promise<NestLeastPrivilegeApp> {
  app.setGlobalPrefix('api', { exclude: ['health'] });
  app.enableVersioning({ type: VersioningType.URI });
  await app.listen(0, '127.0.0.1');
  return { platform, app, baseUrl: baseUrlOf(app.getHttpServer() as Server), close: () => app.close() };
}

/** A LoggerService that keeps every line (the inventory's start-up summary is read from it). */
export function collectingLogger(lines: { level: string; message: string; context?: string }[]): LoggerService {
  const push = (level: string) => (message: unknown, context?: unknown) => {
    lines.push({ level, message: String(message), ...(typeof context === 'string' ? { context } : {}) });
  };
  return { log: push('log'), warn: push('warn'), error: push('error'), debug: push('debug'), verbose: push('verbose') };
}

export async function startNestExpressLeastPrivilege(options: ApiwardOptions, logger: LoggerService | false = false): Promise<NestLeastPrivilegeApp> {
  return listen('nest-express', await NestFactory.create(testModule(options), { logger, abortOnError: false }));
}

export async function startNestFastifyLeastPrivilege(options: ApiwardOptions, logger: LoggerService | false = false): Promise<NestLeastPrivilegeApp> {
  return listen('nest-fastify', await NestFactory.create(testModule(options), new FastifyAdapter(), { logger, abortOnError: false }));
}
