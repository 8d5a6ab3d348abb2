import { createSecretKey } from 'node:crypto';
import {
  type CanActivate,
  Controller,
  type DynamicModule,
  type ExecutionContext,
  Get,
  Inject,
  Injectable,
  Module,
  Param,
  SetMetadata,
} from '@nestjs/common';
import { APP_GUARD, Reflector } from '@nestjs/core';
import { AuthGuard, PassportModule, PassportStrategy } from '@nestjs/passport';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { BENCH_AUDIENCE, BENCH_ISSUER, BENCH_SCOPE, type BenchSecrets } from '../lib/bench-secrets';
import { startNest } from './start-nest';
import { itemPayload, NEVER_REACHED_LIMIT, type ItemPayload, type StartedApp } from './variant-app';

/**
 * The stack a Nest user would assemble instead of apiward, written the way the @nestjs/passport,
 * passport-jwt and @nestjs/throttler docs show it: a global throttler, a global JWT guard with the docs'
 * `@Public()` escape hatch (deny by default, like apiward), and the docs' metadata guard for scopes
 * (like LeastPrivilege).
 */
export type PeerKey = 'hs256-string' | 'rs256-pem' | 'hs256-keyobject';

const PEER_JWT = Symbol('PEER_JWT');
const IS_PUBLIC_KEY = 'isPublic';
const SCOPES_KEY = 'scopes';
const Scopes = (...scopes: string[]): MethodDecorator & ClassDecorator => SetMetadata(SCOPES_KEY, scopes);

interface PeerJwtConfig {
  /** passport-jwt's declared type is string | Buffer; jsonwebtoken 9 also takes a KeyObject at run time. */
  readonly secretOrKey: string | Buffer;
  readonly algorithm: 'HS256' | 'RS256';
}

interface PeerUser {
  readonly userId: string;
  readonly scopes: readonly string[];
}

@Injectable()
class PeerJwtStrategy extends PassportStrategy(Strategy) {
  constructor(@Inject(PEER_JWT) config: PeerJwtConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      ignoreExpiration: false,
      secretOrKey: config.secretOrKey,
      algorithms: [config.algorithm],
      issuer: BENCH_ISSUER,
      audience: BENCH_AUDIENCE,
    });
  }

  validate(payload: { sub?: unknown; scope?: unknown }): PeerUser {
    return { userId: String(payload.sub), scopes: typeof payload.scope === 'string' ? payload.scope.split(' ') : [] };
  }
}

@Injectable()
class PeerJwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext): ReturnType<CanActivate['canActivate']> {
    const isPublic = this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, [context.getHandler(), context.getClass()]);
    if (isPublic === true) return true;
    return super.canActivate(context);
  }
}

@Injectable()
class PeerScopesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<string[] | undefined>(SCOPES_KEY, [context.getHandler(), context.getClass()]);
    if (required === undefined) return true;
    const { user } = context.switchToHttp().getRequest<{ user?: PeerUser }>();
    return user !== undefined && required.every((s) => user.scopes.includes(s));
  }
}

@Controller('bench')
class PeerItemsController {
  @Get('items/:id')
  @Scopes(BENCH_SCOPE)
  item(@Param('id') id: string): ItemPayload {
    return itemPayload(id);
  }
}

@Module({})
class PeerAppModule {
  static with(config: PeerJwtConfig): DynamicModule {
    return {
      module: PeerAppModule,
      imports: [PassportModule, ThrottlerModule.forRoot([{ ttl: 60_000, limit: NEVER_REACHED_LIMIT }])],
      controllers: [PeerItemsController],
      providers: [
        { provide: PEER_JWT, useValue: config },
        PeerJwtStrategy,
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_GUARD, useClass: PeerJwtAuthGuard },
        { provide: APP_GUARD, useClass: PeerScopesGuard },
      ],
    };
  }
}

/** `nest-peer-hs256`, `nest-peer-rs256`, `nest-peer-hs256-keyobject`. */
export function startNestPeer(secrets: BenchSecrets, key: PeerKey): Promise<StartedApp> {
  const config: PeerJwtConfig =
    key === 'hs256-string'
      ? { secretOrKey: secrets.hsSecret, algorithm: 'HS256' }
      : key === 'rs256-pem'
        ? { secretOrKey: secrets.rsaPublicPem, algorithm: 'RS256' }
        : // Their best case: the key object built once, as apiward does internally.
          { secretOrKey: createSecretKey(Buffer.from(secrets.hsSecret, 'utf8')) as unknown as Buffer, algorithm: 'HS256' };
  return startNest(PeerAppModule.with(config), 'express');
}
