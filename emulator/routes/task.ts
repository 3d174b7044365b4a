import { REQUEST_BODIES } from '../../contracts/requests.ts';
import { fail } from '../model/errors.ts';
import type { ArrayState, Task } from '../model/state.ts';
import { MAX_TASK_ID, TASK_LIST_WINDOW_MS, TASK_STATUS, cancelTask, completedSteps, getTask, hasPolledTasks, pollTasks } from '../model/task.ts';
import { SYSTEM_ACTOR } from '../model/fabric.ts';
import { iso8601Local, zoneAbbreviation } from '../model/time.ts';
import { arrayState, nowMs, readBody, reply, run, type Ctx, type Handler } from './context.ts';

/** Task times are local strings with the zone abbreviation: "2017-08-02 02:07:00 PDT" (recorded tasks). */
export function taskTime(ms: number, timeZone: string): string {
  const iso = iso8601Local(Math.floor(ms / 1000), timeZone);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} ${zoneAbbreviation(ms, timeZone)}`;
}

export function renderTask(array: ArrayState, t: Task, now: number): Record<string, unknown> {
  const tz = array.profile.timeZone;
  return {
    id: t.id,
    type: t.type,
    name: t.name,
    status: t.status,
    completedPhases: t.status === TASK_STATUS.DONE ? 1 : 0,
    totalPhases: 1,
    completedSteps: completedSteps(t, now),
    totalSteps: t.totalSteps,
    startTime: taskTime(t.startMs, tz),
    // A running task has no finish time yet; the array prints "-" there (I).
    finishTime: t.finishMs !== undefined ? taskTime(t.finishMs, tz) : '-',
    ...(t.priority !== undefined ? { priority: t.priority } : {}),
    user: t.user,
  };
}

/** Task ids in the URL: integers from 1 to the task-id maximum, each edge with its own error (G131 p131). */
function taskId(c: Ctx): number {
  const raw = c.req.param('id') ?? '';
  if (!/^-?\d+$/.test(raw)) fail('INV_INPUT_WRONG_TYPE', { ref: 'id' });
  const id = Number(raw);
  if (id < 1) fail('INV_INPUT_BELOW_RANGE', { ref: 'id' });
  if (id > MAX_TASK_ID) fail('INV_INPUT_EXCEEDS_RANGE', { ref: 'id' });
  return id;
}

export const taskHandlers: Record<string, Handler> = {
  getAllTasks(c, s) {
    if (hasPolledTasks(arrayState(s))) s.fabric.run(s.arrayKey, SYSTEM_ACTOR, pollTasks({}));
    const array = arrayState(s);
    const now = nowMs(s);
    // Newest first, so a lookup by name meets the current task of a volume before older ones.
    const members = Object.values(array.tasks)
      .filter((t) => t.status === TASK_STATUS.ACTIVE || (t.finishMs ?? t.startMs) >= now - TASK_LIST_WINDOW_MS)
      .sort((a, b) => b.id - a.id)
      .map((t) => renderTask(array, t, now));
    return reply(c, 200, { total: members.length, members });
  },

  getTask(c, s) {
    const id = taskId(c);
    if (hasPolledTasks(arrayState(s))) s.fabric.run(s.arrayKey, SYSTEM_ACTOR, pollTasks({ ids: [id] }));
    const array = arrayState(s);
    return reply(c, 200, renderTask(array, getTask(array, id), nowMs(s)));
  },

  async cancelTask(c, s) {
    const id = taskId(c);
    const body = await readBody<{ action: number }>(c, s, REQUEST_BODIES.cancelTask);
    if (body.action !== 1) fail('INV_INPUT_BAD_ENUM_VALUE', { ref: 'action' });
    run(c, s, cancelTask({ id }));
    return reply(c, 200);
  },
};
