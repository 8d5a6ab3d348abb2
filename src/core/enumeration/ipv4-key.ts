/**
 * An IPv4 client key (`203.0.113.7`, as `clientKey` writes it) as a signed 32-bit integer, or
 * `undefined` for any other key. A flood of attacker addresses is the memory store's worst day: as small
 * integers the keys cost nothing beyond the map entry, where a string costs about 32 bytes more each.
 * Only the canonical spelling converts (no leading zeros, each part at most 255), so two strings can
 * never share one integer, and integer and string keys never meet (a `Map` tells `1` from `'1'`).
 */
export function ipv4AsInteger(key: string): number | undefined {
  const length = key.length;
  if (length < 7 || length > 15) return undefined;
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < length; i++) {
    const c = key.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return undefined;
      value = (value << 8) | part;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && part === 0) return undefined;
      part = part * 10 + (c - 48);
      digits++;
      if (part > 255) return undefined;
    } else {
      return undefined;
    }
  }
  if (dots !== 3 || digits === 0) return undefined;
  return (value << 8) | part;
}
