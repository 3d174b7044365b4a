import { fail } from './errors.ts';
import { arrayOf, requireRole, snapshotOf, type Command } from './fabric.ts';
import type { ArrayState, QosRule } from './state.ts';

export const QOS_TYPE = { VVSET: 1, SYS: 2 } as const;
export const QOS_PRIORITY = { LOW: 1, NORMAL: 2, HIGH: 3 } as const;
/** bwMinGoalOP etc.: 1 ZERO (the limit is 0), 2 NOLIMIT (no limit) (G131 p142). */
export const ZERO_NONE = { ZERO: 1, NOLIMIT: 2 } as const;
const INT_MAX = 2 ** 31 - 1;

export interface QosInput {
  priority?: number;
  bwMinGoalKB?: number;
  bwMaxLimitKB?: number;
  ioMinGoal?: number;
  ioMaxLimit?: number;
  bwMinGoalOP?: number;
  bwMaxLimitOP?: number;
  ioMinGoalOP?: number;
  ioMaxLimitOP?: number;
  enable?: boolean;
  latencyGoal?: number;
  latencyGoaluSecs?: number;
  defaultLatency?: boolean;
}

export function qosKey(type: number, name: string): string {
  return `${type === QOS_TYPE.SYS ? 'sys' : 'vvset'}:${name}`;
}

export function getQosRule(array: ArrayState, key: string): QosRule {
  const r = array.qosRules[key];
  if (!r) fail('NON_EXISTENT_QOS_RULE');
  return r;
}

/** Quality of service needs the Priority Optimization license (cinder checks the same name). */
function checkLicense(array: ArrayState): void {
  if (!array.profile.licenseInfo.licenses.some((l) => l.name.includes('Priority Optimization'))) fail('UNLICENSED_FEATURE');
}

function value(n: number | undefined, ref: string): number | undefined {
  if (n === undefined) return undefined;
  if (n < 0) fail('INV_INPUT_BELOW_RANGE', { ref });
  if (n > INT_MAX) fail('INV_INPUT_EXCEEDS_RANGE', { ref });
  return n;
}

/** One min/max pair with its ZERO/NOLIMIT operators: both or neither, NOLIMIT on both sides together, min ≤ max. */
function pair(
  cur: { min?: number; max?: number },
  input: { min?: number; max?: number; minOP?: number; maxOP?: number },
  refs: { min: string; max: string; minOP: string; maxOP: string },
  minGtMax: 'INV_INPUT_IO_MIN_GOAL_GRT_MAX_LIMIT' | 'INV_INPUT_BW_MIN_GOAL_GRT_MAX_LIMIT',
): { min?: number; max?: number } {
  for (const [op, ref] of [[input.minOP, refs.minOP], [input.maxOP, refs.maxOP]] as const) {
    if (op !== undefined && op !== ZERO_NONE.ZERO && op !== ZERO_NONE.NOLIMIT) fail('INV_INPUT_BAD_ENUM_VALUE', { ref });
  }
  if ((input.minOP === ZERO_NONE.NOLIMIT) !== (input.maxOP === ZERO_NONE.NOLIMIT) && (input.minOP !== undefined || input.maxOP !== undefined)) {
    if (input.minOP === ZERO_NONE.NOLIMIT || input.maxOP === ZERO_NONE.NOLIMIT) fail('INV_INPUT_PARAM_CONFLICT', { ref: refs.maxOP });
  }
  let min = input.minOP === ZERO_NONE.ZERO ? 0 : input.minOP === ZERO_NONE.NOLIMIT ? undefined : value(input.min, refs.min);
  let max = input.maxOP === ZERO_NONE.ZERO ? 0 : input.maxOP === ZERO_NONE.NOLIMIT ? undefined : value(input.max, refs.max);
  const given = input.min !== undefined || input.max !== undefined || input.minOP !== undefined || input.maxOP !== undefined;
  if (!given) return cur;
  if (input.minOP !== ZERO_NONE.NOLIMIT && input.maxOP !== ZERO_NONE.NOLIMIT) {
    // The two go together (python-3parclient createQoSRules docstring).
    if (min === undefined && max !== undefined) min = cur.min ?? fail('INV_INPUT_MISSING_REQUIRED', { ref: refs.min });
    if (max === undefined && min !== undefined) max = cur.max ?? fail('INV_INPUT_MISSING_REQUIRED', { ref: refs.max });
  }
  if (min !== undefined && max !== undefined && max !== 0 && min > max) fail(minGtMax);
  return { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
}

function applyQos(rule: Partial<QosRule>, input: QosInput): Partial<QosRule> {
  if (input.priority !== undefined && ![1, 2, 3].includes(input.priority)) fail('INV_INPUT_BAD_ENUM_VALUE', { ref: 'priority' });
  const io = pair(
    { ...(rule.ioMinGoal !== undefined ? { min: rule.ioMinGoal } : {}), ...(rule.ioMaxLimit !== undefined ? { max: rule.ioMaxLimit } : {}) },
    { ...(input.ioMinGoal !== undefined ? { min: input.ioMinGoal } : {}), ...(input.ioMaxLimit !== undefined ? { max: input.ioMaxLimit } : {}), ...(input.ioMinGoalOP !== undefined ? { minOP: input.ioMinGoalOP } : {}), ...(input.ioMaxLimitOP !== undefined ? { maxOP: input.ioMaxLimitOP } : {}) },
    { min: 'ioMinGoal', max: 'ioMaxLimit', minOP: 'ioMinGoalOP', maxOP: 'ioMaxLimitOP' },
    'INV_INPUT_IO_MIN_GOAL_GRT_MAX_LIMIT',
  );
  const bw = pair(
    { ...(rule.bwMinGoalKB !== undefined ? { min: rule.bwMinGoalKB } : {}), ...(rule.bwMaxLimitKB !== undefined ? { max: rule.bwMaxLimitKB } : {}) },
    { ...(input.bwMinGoalKB !== undefined ? { min: input.bwMinGoalKB } : {}), ...(input.bwMaxLimitKB !== undefined ? { max: input.bwMaxLimitKB } : {}), ...(input.bwMinGoalOP !== undefined ? { minOP: input.bwMinGoalOP } : {}), ...(input.bwMaxLimitOP !== undefined ? { maxOP: input.bwMaxLimitOP } : {}) },
    { min: 'bwMinGoalKB', max: 'bwMaxLimitKB', minOP: 'bwMinGoalOP', maxOP: 'bwMaxLimitOP' },
    'INV_INPUT_BW_MIN_GOAL_GRT_MAX_LIMIT',
  );
  if (input.latencyGoal !== undefined && input.latencyGoaluSecs !== undefined) fail('INV_INPUT_PARAM_CONFLICT', { ref: 'latencyGoal' });
  if (input.defaultLatency && (input.latencyGoal !== undefined || input.latencyGoaluSecs !== undefined)) fail('INV_INPUT_PARAM_CONFLICT', { ref: 'defaultLatency' });
  const latency = input.latencyGoaluSecs ?? (input.latencyGoal !== undefined ? input.latencyGoal * 1000 : undefined);
  value(latency, input.latencyGoaluSecs !== undefined ? 'latencyGoaluSecs' : 'latencyGoal');
  const out: Partial<QosRule> = { ...rule };
  delete out.ioMinGoal;
  delete out.ioMaxLimit;
  delete out.bwMinGoalKB;
  delete out.bwMaxLimitKB;
  if (io.min !== undefined) out.ioMinGoal = io.min;
  if (io.max !== undefined) out.ioMaxLimit = io.max;
  if (bw.min !== undefined) out.bwMinGoalKB = bw.min;
  if (bw.max !== undefined) out.bwMaxLimitKB = bw.max;
  if (input.priority !== undefined) out.priority = input.priority;
  if (input.enable !== undefined) out.enabled = input.enable;
  if (latency !== undefined) out.latencyGoaluSecs = latency;
  if (input.defaultLatency) {
    delete out.latencyGoaluSecs;
    out.defaultLatency = true;
  }
  return out;
}

export const createQosRule =
  (input: { name: string; type: number } & QosInput): Command<{ key: string }> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const draft = arrayOf(fabric, ctx);
    const array = snapshotOf<ArrayState>(draft);
    if (![QOS_TYPE.VVSET, QOS_TYPE.SYS].includes(input.type as 1 | 2)) fail('INV_INPUT_BAD_ENUM_VALUE', { ref: 'type' });
    checkLicense(array);
    if (!/^[A-Za-z0-9._-]+$/.test(input.name)) fail('INV_INPUT_ILLEGAL_CHAR', { ref: 'name' });
    let domain: string | undefined;
    if (input.type === QOS_TYPE.SYS) {
      if (input.name !== 'all_others') fail('INV_INPUT_QOS_TARGET_OBJECT');
    } else {
      const set = array.volumeSets[input.name];
      if (!set) fail('INV_INPUT_QOS_TARGET_OBJECT');
      domain = set.domain;
    }
    const key = qosKey(input.type, input.name);
    if (array.qosRules[key]) fail('EXISTENT_QOS_RULE');
    const { name: _n, type: _t, ...settings } = input;
    const body = applyQos({ enabled: true, priority: QOS_PRIORITY.NORMAL }, settings);
    const used = new Set(Object.values(array.qosRules).map((r) => r.id));
    let id = 0;
    while (used.has(id)) id++;
    draft.qosRules[key] = { ...(body as QosRule), id, type: input.type, name: input.name, ...(domain !== undefined ? { domain } : {}) };
    if (input.type === QOS_TYPE.VVSET) draft.volumeSets[input.name]!.qosEnabled = true;
    return { key };
  };

export const modifyQosRule =
  (input: { key: string; changes: QosInput }): Command<void> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const draft = arrayOf(fabric, ctx);
    const array = snapshotOf<ArrayState>(draft);
    checkLicense(array);
    const rule = getQosRule(array, input.key);
    draft.qosRules[input.key] = applyQos(rule, input.changes) as QosRule;
  };

export const deleteQosRule =
  (input: { key: string }): Command<void> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const draft = arrayOf(fabric, ctx);
    const rule = getQosRule(snapshotOf<ArrayState>(draft), input.key);
    delete draft.qosRules[input.key];
    if (rule.type === QOS_TYPE.VVSET && draft.volumeSets[rule.name]) draft.volumeSets[rule.name]!.qosEnabled = false;
  };
