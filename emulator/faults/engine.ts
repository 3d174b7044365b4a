import type { FaultBudget, FaultMatch, FaultRule, Latency, NewFaultRule } from './rules.ts';

/** What a request looks like to the fault rules. */
export interface FaultRequest {
  array: string;
  method: string;
  path: string;
  operation: string | undefined;
  body: Record<string, unknown> | undefined;
}

function splitmix(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return ((z ^ (z >>> 16)) >>> 0) / 2 ** 32;
}

function matches(m: FaultMatch, r: FaultRequest): boolean {
  if (m.array !== undefined && m.array !== r.array) return false;
  if (m.method !== undefined && m.method.toUpperCase() !== r.method) return false;
  if (m.operation !== undefined && m.operation !== r.operation) return false;
  if (m.path !== undefined && !new RegExp(m.path).test(r.path)) return false;
  if (m.body !== undefined && JSON.stringify(r.body?.[m.body.member]) !== JSON.stringify(m.body.equals)) return false;
  return true;
}

/**
 * The fault rules of a running emulator. Deterministic: a probability budget draws from the seed, the rule id
 * and the match count, so the same seed and the same requests fire the same faults.
 */
export class FaultEngine {
  private rules: FaultRule[] = [];
  private nextId = 1;
  constructor(private readonly seed: number) {}

  add(rule: NewFaultRule): FaultRule {
    const budget: FaultBudget = rule.budget ?? { kind: 'always' };
    validateBudget(budget);
    const r: FaultRule = { id: this.nextId++, match: rule.match ?? {}, effect: rule.effect, budget, matched: 0, fired: 0, ...(rule.note ? { note: rule.note } : {}) };
    this.rules.push(r);
    return r;
  }

  list(): readonly FaultRule[] {
    return this.rules;
  }

  remove(id: number): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((r) => r.id !== id);
    return this.rules.length !== before;
  }

  clear(): void {
    this.rules = [];
  }

  /** A fresh start (emulator reset): rule ids start again at 1, so replays number their rules the same. */
  reset(): void {
    this.rules = [];
    this.nextId = 1;
  }

  /** The first rule that fires for this request, counting the match for every rule that matched. */
  decide(req: FaultRequest): FaultRule | undefined {
    let chosen: FaultRule | undefined;
    for (const r of this.rules) {
      if (!matches(r.match, req)) continue;
      r.matched += 1;
      if (chosen) continue;
      if (this.fires(r)) {
        r.fired += 1;
        chosen = r;
      }
    }
    return chosen;
  }

  private fires(r: FaultRule): boolean {
    const b = r.budget;
    switch (b.kind) {
      case 'always':
        return true;
      case 'times':
        return r.fired < b.n;
      case 'after':
        return r.matched > b.n;
      case 'probability':
        return splitmix((this.seed ^ Math.imul(r.id, 0x27d4eb2d) ^ Math.imul(r.matched, 0x165667b1)) | 0) < b.p;
    }
  }

  /** Milliseconds of a latency effect for this firing (seeded like the budgets). */
  latencyMs(rule: FaultRule, l: Latency): number {
    if (typeof l === 'number') return l;
    const u = splitmix((this.seed ^ Math.imul(rule.id, 0x7feb352d) ^ Math.imul(rule.fired, 0x846ca68b)) | 0);
    if ('uniform' in l) return l.uniform[0] + u * (l.uniform[1] - l.uniform[0]);
    const u2 = splitmix((this.seed ^ Math.imul(rule.id + 1, 0x7feb352d) ^ Math.imul(rule.fired, 0x846ca68b)) | 0);
    const normal = Math.sqrt(-2 * Math.log(Math.max(u, 1e-12))) * Math.cos(2 * Math.PI * u2);
    return Math.exp(l.lognormal.mu + l.lognormal.sigma * normal);
  }
}

export function validateBudget(b: FaultBudget): void {
  const ok =
    b.kind === 'always' ||
    ((b.kind === 'times' || b.kind === 'after') && Number.isInteger(b.n) && b.n >= 0) ||
    (b.kind === 'probability' && typeof b.p === 'number' && b.p >= 0 && b.p <= 1);
  if (!ok) throw new RangeError('budget must be {"kind":"always"}, {"kind":"times","n":N}, {"kind":"after","n":N} or {"kind":"probability","p":0..1}');
}
