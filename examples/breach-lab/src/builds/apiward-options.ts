import type { ApiwardOptions } from 'apiward';
import type { LabConfig } from '../config/lab-config';
import { LAB_ALGORITHM, LAB_AUDIENCE, LAB_ISSUER } from '../identity/lab-identity';
import type { LabKeys } from '../identity/lab-keys';
import type { SecurityEventLog } from '../services/security-event-log';

/** apiward's module options for the protected build: RS256 only, one issuer, one audience. */
export function apiwardOptions(config: LabConfig, keys: LabKeys, events: SecurityEventLog): ApiwardOptions {
  const s = config.settings;
  return {
    auth: {
      realm: 'breach-lab',
      jwt: {
        algorithms: [LAB_ALGORITHM],
        ...(keys.publicKeyPem !== undefined ? { publicKey: keys.publicKeyPem } : { jwksUri: keys.jwksUri }),
        issuer: LAB_ISSUER,
        audience: LAB_AUDIENCE,
      },
    },
    // Ownership denials answer exactly like the handlers' own `throw new NotFoundException()`.
    leastPrivilege: { onDenied: 'not-found' },
    antiEnumeration: {
      store: config.store === 'redis' ? { type: 'redis', url: config.redisUrl, keyPrefix: `${config.redisPrefix}:ae` } : 'memory',
      trustProxy: config.trustProxy,
      // Slow a client down as it nears a limit, then refuse (kept short so the demo stays quick).
      defaults: { delay: { maxDelayMs: s.enumerationMaxDelayMs } },
      // Every lab sharing a Redis store must hash an identifier alike.
      hashKey: config.enumerationHashKey,
      // Path and version fuzzing (T-Mobile) counts like any other enumeration. Off with LAB_ANTI_ENUM=off.
      unknownRoutes: config.antiEnumeration ? { budget: [{ limit: s.unknownRoutes, windowMs: s.unknownRouteWindowMs }] } : false,
    },
    onSecurityEvent: events.record,
  };
}
