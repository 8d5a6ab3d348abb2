/**
 * Joins route path pieces the way a router mounts them: global prefix, version segment, controller (or
 * router mount) path, handler path. `('api', 'v1', '/customers/', ':id')` gives `/api/v1/customers/:id`.
 * Empty pieces vanish, slashes collapse, the result starts with `/` and has no trailing slash.
 */
export function composeRoutePath(...pieces: readonly (string | undefined)[]): string {
  const parts = pieces
    .filter((piece): piece is string => typeof piece === 'string')
    .flatMap((piece) => piece.split('/'))
    .filter((part) => part !== '');
  return `/${parts.join('/')}`;
}
