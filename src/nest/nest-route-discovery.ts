import { RequestMethod, VERSION_NEUTRAL, VersioningType, type VersioningOptions } from '@nestjs/common';
import type { ApplicationConfig, DiscoveryService, ModulesContainer } from '@nestjs/core';
import { MetadataScanner } from '@nestjs/core';
import { composeRoutePath } from '../core/inventory/route-path';
import type { RouteEntry } from '../core/inventory/inventory-route';
import type { RouteDeclaration } from '../core/route-declaration';
import type { RouteDeclarationCache } from './route-declaration-cache';
import { handlerWritesResponse } from './handler-writes-response';

/*
 * Nest's own metadata keys (stable since Nest 8). Read directly rather than through deep imports of
 * @nestjs/common/constants, which an ESM build (Nest 12) does not expose.
 */
const PATH_METADATA = 'path';
const METHOD_METADATA = 'method';
const VERSION_METADATA = '__version__';
const MODULE_PATH = '__module_path__';

type Version = string | typeof VERSION_NEUTRAL;
type AnyClass = abstract new (...args: never[]) => unknown;

export interface DiscoveredRoute {
  readonly entry: RouteEntry;
  readonly declaration: RouteDeclaration;
  /** The handler answers through `@Res()` / `@Next()` without passthrough (handler-writes-response.ts). */
  readonly writesResponse: boolean;
}

export interface NestRouteDiscoveryDeps {
  readonly discovery: DiscoveryService;
  readonly config: ApplicationConfig;
  readonly modules: ModulesContainer;
  readonly declarations: RouteDeclarationCache;
}

const asList = <T>(value: T | readonly T[] | undefined): readonly T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value as T]);

function versionsOf(controller: AnyClass, handler: object, versioning: VersioningOptions | undefined): readonly (Version | undefined)[] {
  // Without versioning enabled Nest ignores version metadata entirely.
  if (versioning === undefined) return [undefined];
  const own: unknown = Reflect.getMetadata(VERSION_METADATA, handler) ?? Reflect.getMetadata(VERSION_METADATA, controller) ?? versioning.defaultVersion;
  const versions = asList(own as Version | readonly Version[] | undefined);
  return versions.length === 0 ? [undefined] : versions;
}

function versionSegment(version: Version | undefined, versioning: VersioningOptions | undefined): string | undefined {
  if (version === undefined || version === VERSION_NEUTRAL || versioning?.type !== VersioningType.URI) return undefined;
  const prefix = versioning.prefix === false ? '' : (versioning.prefix ?? 'v');
  return `${prefix}${String(version)}`;
}

/** Nest's global-prefix exclusions (`setGlobalPrefix('api', { exclude: [...] })`), tested on the unversioned path. */
function excludedFromPrefix(config: ApplicationConfig, path: string, method: RequestMethod): boolean {
  const exclude: unknown = config.getGlobalPrefixOptions().exclude;
  if (!Array.isArray(exclude)) return false;
  return exclude.some((route: { requestMethod?: RequestMethod; pathRegex?: RegExp }) => {
    const methodMatches = route.requestMethod === undefined || route.requestMethod === RequestMethod.ALL || route.requestMethod === method;
    return methodMatches && route.pathRegex instanceof RegExp && route.pathRegex.test(path);
  });
}

/**
 * Every HTTP route of the app as Nest mounts it: global prefix (and its exclusions), URI version segment,
 * RouterModule path, controller path, handler path; one entry per path and version a handler answers on.
 * Other versioning types (header, media type, custom) leave the path alone and only record `version`.
 */
export function discoverNestRoutes(deps: NestRouteDiscoveryDeps): DiscoveredRoute[] {
  const scanner = new MetadataScanner();
  const versioning = deps.config.getVersioning();
  const globalPrefix = deps.config.getGlobalPrefix();
  const routes: DiscoveredRoute[] = [];
  for (const wrapper of deps.discovery.getControllers()) {
    const controller = wrapper.metatype as AnyClass | null | undefined;
    if (typeof controller !== 'function') continue;
    const host = wrapper.host?.metatype as object | undefined;
    const modulePath: unknown = host === undefined ? undefined : (Reflect.getMetadata(MODULE_PATH + deps.modules.applicationId, host) ?? Reflect.getMetadata(MODULE_PATH, host));
    const controllerPaths = asList(Reflect.getMetadata(PATH_METADATA, controller) as string | readonly string[] | undefined);
    const prototype = controller.prototype as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name];
      if (typeof handler !== 'function') continue;
      const handlerPaths = asList(Reflect.getMetadata(PATH_METADATA, handler) as string | readonly string[] | undefined);
      const method: unknown = Reflect.getMetadata(METHOD_METADATA, handler);
      if (handlerPaths.length === 0 || typeof method !== 'number') continue;
      const declaration = deps.declarations.get(controller, handler);
      const writesResponse = handlerWritesResponse(controller, name);
      for (const version of versionsOf(controller, handler, versioning)) {
        for (const controllerPath of controllerPaths.length === 0 ? ['/'] : controllerPaths) {
          for (const handlerPath of handlerPaths) {
            const unprefixed = composeRoutePath(typeof modulePath === 'string' ? modulePath : undefined, controllerPath, handlerPath);
            const prefix = globalPrefix !== '' && !excludedFromPrefix(deps.config, unprefixed, method) ? globalPrefix : undefined;
            const entry: RouteEntry = {
              method: RequestMethod[method] ?? String(method),
              path: composeRoutePath(prefix, versionSegment(version, versioning), unprefixed),
              handler: `${controller.name}.${name}`,
              ...(version === undefined || version === VERSION_NEUTRAL ? {} : { version: String(version) }),
            };
            routes.push({ entry, declaration, writesResponse });
          }
        }
      }
    }
  }
  return routes;
}
