import type { ErrorSymbol } from '../../contracts/errors.ts';

/**
 * A fault rule: which requests it matches, what it does to them, and how often (its budget).
 * Rules are the test author's, not the array's: they live beside the fabric, never inside it.
 */
export interface FaultMatch {
  /** fabric key of the array; any array when absent */
  array?: string;
  method?: string;
  /** operation name from contracts/endpoints.ts (createVolume, growVolume, createVLUN…) */
  operation?: string;
  /** regular expression tested against the request path */
  path?: string;
  /** a top-level body member must equal this value */
  body?: { member: string; equals: unknown };
}

export type FaultBudget =
  | { kind: 'always' }
  | { kind: 'times'; n: number }
  | { kind: 'after'; n: number }
  | { kind: 'probability'; p: number };

export type Latency = number | { uniform: [number, number] } | { lognormal: { mu: number; sigma: number } };

export type FaultEffect =
  /** any catalog error, with the array's code and status for it */
  | { type: 'error'; symbol: ErrorSymbol; desc?: string }
  /** the 503 a busy array sends (code 270, as captured from a real array under load) */
  | { type: 'busy' }
  /** wait (wall time, so the client feels it) before handling the request normally */
  | { type: 'latency'; ms: Latency }
  /** never answer */
  | { type: 'hang' }
  /** drop the connection without an answer */
  | { type: 'reset' }
  /** answer 200 with a body cut in half, or with text that is not JSON */
  | { type: 'truncate' }
  | { type: 'malformed' }
  /** forget the request's session key first, so it fails with 403/6 and the client must log in again */
  | { type: 'invalidateSession' };

export interface FaultRule {
  id: number;
  match: FaultMatch;
  effect: FaultEffect;
  budget: FaultBudget;
  /** how many requests matched so far, and how many the rule fired on */
  matched: number;
  fired: number;
  note?: string;
}

export type NewFaultRule = Pick<FaultRule, 'match' | 'effect'> & { budget?: FaultBudget; note?: string };
