/** `/servicePrincipals(appId='…')/x` → `/servicePrincipals/…/x`: the routes look service principals up by id or appId. */
export function normalizeGraphPath(path: string): string {
  return path.replace(/\/servicePrincipals\(appId='([^']*)'\)/i, (_m, appId: string) => `/servicePrincipals/${appId}`);
}
