// The sandbox's control API for tests, outside the Graph paths: fault injection and a look at the tenant.
// It needs no token: it only listens on 127.0.0.1 and is never part of the Graph surface.
import type { Router } from './http/router';
import type { FaultInjector, FaultRuleInput } from './faults';
import type { Tenant } from './tenant';
import type { IdentityProvider } from './identity';
import { INVALID_JSON_BODY } from './http/body';

export interface ControlDeps {
  faults: FaultInjector;
  tenant: Tenant;
  identity: IdentityProvider;
}

export function registerControlRoutes(router: Router, deps: ControlDeps): void {
  router
    .get('/_sandbox/faults', () => ({ status: 200, body: { value: deps.faults.list() } }))
    .post('/_sandbox/faults', (req) => {
      const inputs = Array.isArray(req.body) ? req.body : [req.body];
      if (req.body === undefined || req.body === INVALID_JSON_BODY) {
        return { status: 400, body: { error: 'Send a JSON fault rule or an array of them.' } };
      }
      try {
        const added = inputs.map((input) => deps.faults.add(input as FaultRuleInput));
        return { status: 201, body: { value: added } };
      } catch (err) {
        return { status: 400, body: { error: (err as Error).message } };
      }
    })
    .delete('/_sandbox/faults', () => {
      deps.faults.clear();
      return { status: 204 };
    })
    .get('/_sandbox/health', () => ({ status: 200, body: { ok: true, tenantId: deps.tenant.tenantId } }));
}
