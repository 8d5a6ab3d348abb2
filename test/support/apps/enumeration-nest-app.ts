import { Body, Controller, Get, HttpCode, Module, NotFoundException, Param, Post, Query, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import type { Server } from 'node:http';
import type { AntiEnumerationOptions, SecurityEvent } from '../../../src';
import { AntiEnumeration, AnyAuthenticated, ApiwardModule, Public, UniformLookupResponse } from '../../../src/nest';
import { baseUrlOf } from '../http';
import { testAuthOptions } from '../tokens';
import {
  CUSTOMER_BUDGETS,
  CUSTOMER_REASON,
  customerExists,
  ECHO_BUDGETS,
  ENUMERATION_MODULE_OPTIONS,
  LOOKUP_ANSWER,
  LOOKUP_BUDGETS,
  PING_BUDGETS,
  PUBLIC_REASON,
  REAL_EMAILS,
  RESET_BUDGETS,
  type EnumerationTestApp,
} from './enumeration-api';

@Controller()
class EnumerationController {
  @Get('customers/:id')
  @AnyAuthenticated({ reason: CUSTOMER_REASON })
  @AntiEnumeration(CUSTOMER_BUDGETS)
  customer(@Param('id') id: string): { id: string } {
    if (!customerExists(id)) throw new NotFoundException();
    return { id };
  }

  @Get('users/lookup')
  @Public({ reason: PUBLIC_REASON })
  @UniformLookupResponse(LOOKUP_ANSWER)
  @AntiEnumeration(LOOKUP_BUDGETS)
  lookup(@Query('email') email: string): { found: string } {
    if (!REAL_EMAILS.has(email)) throw new NotFoundException();
    return { found: email };
  }

  @Post('password-reset')
  @HttpCode(202)
  @Public({ reason: PUBLIC_REASON })
  @AntiEnumeration(RESET_BUDGETS)
  reset(@Body() _body: unknown): { message: string } {
    return { message: 'sent if it exists' };
  }

  @Get('ping')
  @Public({ reason: PUBLIC_REASON })
  @AntiEnumeration(PING_BUDGETS)
  ping(): { pong: true } {
    return { pong: true };
  }

  @Get('echo')
  @Public({ reason: PUBLIC_REASON })
  @AntiEnumeration(ECHO_BUDGETS)
  echo(@Query() query: Record<string, unknown>): Record<string, unknown> {
    return { email: query.email, phone: query.phone };
  }
}

function enumerationModule(options: AntiEnumerationOptions, events: SecurityEvent[]): new () => object {
  @Module({
    imports: [ApiwardModule.forRoot({ auth: testAuthOptions(), antiEnumeration: options, onSecurityEvent: (event) => void events.push(event) })],
    controllers: [EnumerationController],
  })
  class EnumerationTestModule {}
  return EnumerationTestModule;
}

async function listen(platform: string, options: AntiEnumerationOptions, create: (module: new () => object) => Promise<INestApplication>): Promise<EnumerationTestApp> {
  const events: SecurityEvent[] = [];
  const app = await create(enumerationModule(options, events));
  await app.listen(0, '127.0.0.1');
  return { platform, baseUrl: baseUrlOf(app.getHttpServer() as Server), close: () => app.close(), events };
}

export const startEnumerationNestExpressApp = (options: AntiEnumerationOptions = ENUMERATION_MODULE_OPTIONS): Promise<EnumerationTestApp> =>
  listen('nest-express', options, (module) => NestFactory.create(module, { logger: false, abortOnError: false }));

export const startEnumerationNestFastifyApp = (options: AntiEnumerationOptions = ENUMERATION_MODULE_OPTIONS): Promise<EnumerationTestApp> =>
  listen('nest-fastify', options, (module) => NestFactory.create(module, new FastifyAdapter(), { logger: false, abortOnError: false }));
