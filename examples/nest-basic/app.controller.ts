import { Controller, Get } from '@nestjs/common';
import { AnyAuthenticated, Principal, Public } from 'apiward/nest';

@Controller()
export class AppController {
  @Public({ reason: 'load balancer health check' })
  @Get('health')
  health(): { status: string } {
    return { status: 'ok' };
  }

  // Deny by default already requires a valid token here; strict authorization also wants to know who may
  // call it: any signed-in caller, on purpose (a route that says nothing is refused to everyone with 403).
  @AnyAuthenticated({ reason: 'every caller reads their own principal' })
  @Get('me')
  me(@Principal() principal: Principal): { subject: string; scopes: readonly string[]; credential: string } {
    return { subject: principal.subject, scopes: principal.scopes, credential: principal.credential };
  }
}
