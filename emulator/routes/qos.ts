import { REQUEST_BODIES } from '../../contracts/requests.ts';
import { fail } from '../model/errors.ts';
import { createQosRule, deleteQosRule, getQosRule, modifyQosRule, type QosInput } from '../model/qos.ts';
import type { QosRule } from '../model/state.ts';
import { arrayState, readBody, reply, run, type Ctx, type Handler } from './context.ts';

/** Recorded order: id, type, name, (domain), enabled, priority, bw pair, io pair, latencyGoaluSecs, latencyGoal; unset limits omitted. */
export function renderQos(r: QosRule): Record<string, unknown> {
  const out: Record<string, unknown> = { id: r.id, type: r.type, name: r.name };
  if (r.domain !== undefined) out.domain = r.domain;
  out.enabled = r.enabled;
  out.priority = r.priority;
  if (r.bwMinGoalKB !== undefined) out.bwMinGoalKB = r.bwMinGoalKB;
  if (r.bwMaxLimitKB !== undefined) out.bwMaxLimitKB = r.bwMaxLimitKB;
  if (r.ioMinGoal !== undefined) out.ioMinGoal = r.ioMinGoal;
  if (r.ioMaxLimit !== undefined) out.ioMaxLimit = r.ioMaxLimit;
  if (r.latencyGoaluSecs !== undefined) {
    out.latencyGoaluSecs = r.latencyGoaluSecs;
    out.latencyGoal = Math.round(r.latencyGoaluSecs / 1000);
  }
  if (r.defaultLatency) out.defaultLatency = true;
  return out;
}

/** `vvset:<set>` or `sys:all_others` in the URL. */
function target(c: Ctx): string {
  const raw = c.req.param('target') ?? '';
  const m = /^(vvset|sys):(.*)$/.exec(raw);
  if (!m) fail('INV_INPUT', { ref: 'target' });
  if (!/^[A-Za-z0-9._-]+$/.test(m[2]!)) fail('INV_INPUT_ILLEGAL_CHAR');
  return raw;
}

export const qosHandlers: Record<string, Handler> = {
  queryQoSRules(c, s) {
    const members = Object.values(arrayState(s).qosRules).sort((a, b) => a.id - b.id).map(renderQos);
    return reply(c, 200, { total: members.length, members });
  },

  queryQoSRule(c, s) {
    return reply(c, 200, renderQos(getQosRule(arrayState(s), target(c))));
  },

  async createQoSRules(c, s) {
    const body = await readBody<{ name: string; type: number } & QosInput>(c, s, REQUEST_BODIES.createQoSRules);
    run(c, s, createQosRule(body));
    return reply(c, 201);
  },

  async modifyQoSRules(c, s) {
    const key = target(c);
    const body = await readBody<QosInput>(c, s, REQUEST_BODIES.modifyQoSRules);
    run(c, s, modifyQosRule({ key, changes: body }));
    return reply(c, 200);
  },

  deleteQoSRules(c, s) {
    run(c, s, deleteQosRule({ key: target(c) }));
    return reply(c, 200);
  },
};
