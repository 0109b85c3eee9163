// Fault injection for tests: rules that make chosen Graph requests fail the way real networks and Graph fail.
// Rules are added through the control API (`POST /_sandbox/faults`) or programmatically, match on method and a path
// regular expression (tested against the path without the /v1.0 or /beta prefix), and fire a bounded number of times.

export type FaultKind = 'throttle' | 'error' | 'drop' | 'hang';

export interface FaultRuleInput {
  /** HTTP method to match; any when omitted. */
  method?: string;
  /** Regular expression (JavaScript syntax) tested against the Graph path, e.g. `/synchronization/jobs$`. */
  path?: string;
  /** `throttle` → 429 + Retry-After; `error` → `status` (500 by default; 503 adds Retry-After); `drop` → the
   * socket is destroyed without a response; `hang` → no response until the client gives up. */
  kind: FaultKind;
  status?: number;
  /** Seconds for Retry-After on `throttle` (default 1; 0 is allowed for fast tests). */
  retryAfter?: number;
  /** How many matching requests fail before the rule is used up (default 1; -1 = forever). */
  count?: number;
  /** Let this many matching requests through before failing (default 0). */
  after?: number;
}

export interface FaultRule extends Required<Omit<FaultRuleInput, 'method' | 'path' | 'status'>> {
  id: number;
  method: string | null;
  path: string | null;
  status: number;
  /** Requests this rule has failed so far. */
  fired: number;
  /** Matching requests seen (including those let through by `after`). */
  seen: number;
}

const KINDS: readonly FaultKind[] = ['throttle', 'error', 'drop', 'hang'];

export class FaultInjector {
  private rules: FaultRule[] = [];
  private nextId = 1;

  add(input: FaultRuleInput): FaultRule {
    if (!KINDS.includes(input.kind)) throw new Error(`kind must be one of ${KINDS.join(', ')}`);
    if (input.path !== undefined) new RegExp(input.path); // reject a bad pattern when it is added, not when it fires
    const rule: FaultRule = {
      id: this.nextId++,
      method: input.method ? input.method.toUpperCase() : null,
      path: input.path ?? null,
      kind: input.kind,
      status: input.status ?? (input.kind === 'throttle' ? 429 : 500),
      retryAfter: input.retryAfter ?? 1,
      count: input.count ?? 1,
      after: input.after ?? 0,
      fired: 0,
      seen: 0,
    };
    this.rules.push(rule);
    return rule;
  }

  list(): FaultRule[] {
    return this.rules.map((r) => ({ ...r }));
  }

  clear(): void {
    this.rules = [];
  }

  /** Returns the rule that fails this request, counting it, or undefined when the request may proceed. */
  take(method: string, path: string): FaultRule | undefined {
    for (const rule of this.rules) {
      if (rule.method && rule.method !== method.toUpperCase()) continue;
      if (rule.path && !new RegExp(rule.path).test(path)) continue;
      if (rule.count !== -1 && rule.fired >= rule.count) continue;
      rule.seen++;
      if (rule.seen <= rule.after) continue;
      rule.fired++;
      return { ...rule };
    }
    return undefined;
  }
}
