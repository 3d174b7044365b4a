import type { Draft } from 'immer';
import { fail } from './errors.ts';
import { arrayOf, requireRole, snapshotOf, type Command, type CommandContext } from './fabric.ts';
import type { ArrayState, FabricState, Task, TaskEffect } from './state.ts';

/** The fabric draft, for what needs its seeded generator. */
export type RandomSource = Pick<FabricState, 'seed' | 'rngCounter'>;

export const TASK_TYPE = { VV_COPY: 1, PHYS_COPY_RESYNC: 2, PROMOTE_SV: 4, ONLINE_COPY: 18, CONVERT_VV: 19 } as const;
export const TASK_STATUS = { DONE: 1, ACTIVE: 2, CANCELLED: 3, FAILED: 4 } as const;
/** /tasks lists tasks of roughly the last 24 hours (G131 p130). */
export const TASK_LIST_WINDOW_MS = 24 * 3_600_000;
/** task ids stay below this (FLASK range checks) */
export const MAX_TASK_ID = 65535;

/** Something time-driven will happen at `ms`: the next request after it runs the tick. */
export function noteDue(array: Draft<ArrayState>, ms: number): void {
  if (ms < array.dueMs) array.dueMs = ms;
}

export function startTask(
  array: Draft<ArrayState>,
  ctx: CommandContext,
  t: { type: number; name: string; priority?: number; totalSteps: number; effect: TaskEffect },
): Draft<Task> {
  if (array.lastTaskId >= MAX_TASK_ID) array.lastTaskId = 0;
  let id = array.lastTaskId + 1;
  while (array.tasks[id]) id++;
  array.lastTaskId = id;
  const task: Task = {
    id,
    type: t.type,
    name: t.name,
    status: TASK_STATUS.ACTIVE,
    ...(t.priority !== undefined ? { priority: t.priority } : {}),
    user: ctx.actor.user,
    startMs: ctx.nowMs,
    durationMs: array.taskDurationMs,
    totalSteps: t.totalSteps,
    effect: t.effect,
    ...(array.taskPolls > 0 ? { pollsLeft: array.taskPolls } : {}),
  };
  array.tasks[id] = task as Draft<Task>;
  if (task.pollsLeft === undefined) noteDue(array, task.startMs + task.durationMs);
  return array.tasks[id]!;
}

export function getTask(array: ArrayState, id: number): Task {
  const t = array.tasks[id];
  if (!t) fail('NON_EXISTENT_TASK');
  return t;
}

/** Progress of an active task on the virtual clock, for completedSteps. */
export function completedSteps(t: Task, nowMs: number): number {
  if (t.status !== TASK_STATUS.ACTIVE) return t.status === TASK_STATUS.DONE ? t.totalSteps : Math.min(t.totalSteps, stepsAt(t, t.finishMs ?? nowMs));
  return stepsAt(t, nowMs);
}

function stepsAt(t: Task, ms: number): number {
  if (t.pollsLeft !== undefined) return 0;
  if (t.failAtMs !== undefined && ms >= t.failAtMs) ms = t.failAtMs;
  if (t.durationMs <= 0) return t.totalSteps;
  return Math.min(t.totalSteps - 1, Math.floor(((ms - t.startMs) / t.durationMs) * t.totalSteps));
}

/** What each kind of task does when it ends; registered by the modules that start them. */
export interface TaskHandlers {
  complete(array: Draft<ArrayState>, task: Draft<Task>, ctx: CommandContext, random: RandomSource): void;
  fail(array: Draft<ArrayState>, task: Draft<Task>, ctx: CommandContext): void;
  cancel(array: Draft<ArrayState>, task: Draft<Task>, ctx: CommandContext): void;
}

const handlers = new Map<TaskEffect['kind'], TaskHandlers>();

export function registerTaskKind(kind: TaskEffect['kind'], h: TaskHandlers): void {
  handlers.set(kind, h);
}

function finish(random: RandomSource, array: Draft<ArrayState>, task: Draft<Task>, ctx: CommandContext, status: number): void {
  const h = handlers.get(task.effect.kind);
  if (!h) throw new Error(`no handler for ${task.effect.kind} tasks`);
  task.status = status;
  task.finishMs =
    status === TASK_STATUS.CANCELLED || task.pollsLeft !== undefined ? ctx.nowMs : Math.min(ctx.nowMs, task.failAtMs ?? task.startMs + task.durationMs);
  delete task.pollsLeft;
  if (status === TASK_STATUS.DONE) h.complete(array, task, ctx, random);
  else if (status === TASK_STATUS.FAILED) h.fail(array, task, ctx);
  else h.cancel(array, task, ctx);
}

/** PUT /tasks/<id> {"action":1}: only active tasks can be cancelled. */
export const cancelTask =
  (input: { id: number }): Command<void> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const draft = arrayOf(fabric, ctx);
    const t = getTask(snapshotOf<ArrayState>(draft), input.id);
    if (t.status !== TASK_STATUS.ACTIVE) fail('NON_ACTIVE_TASK');
    finish(fabric, draft, draft.tasks[input.id]!, ctx, TASK_STATUS.CANCELLED);
  };

/** Control API: end an active task now, as done or as failed. */
export const endTask =
  (input: { id: number; outcome: 'done' | 'failed' }): Command<void> =>
  (fabric, ctx) => {
    const draft = arrayOf(fabric, ctx);
    const t = getTask(snapshotOf<ArrayState>(draft), input.id);
    if (t.status !== TASK_STATUS.ACTIVE) fail('NON_ACTIVE_TASK');
    finish(fabric, draft, draft.tasks[input.id]!, ctx, input.outcome === 'done' ? TASK_STATUS.DONE : TASK_STATUS.FAILED);
  };

/** Control API: make an active task end FAILED when its time comes, or set how long new tasks take. */
export const setTaskBehaviour =
  (input: { durationMs?: number; polls?: number; failTaskId?: number; atStep?: number }): Command<void> =>
  (fabric, ctx) => {
    const draft = arrayOf(fabric, ctx);
    if (input.durationMs !== undefined) draft.taskDurationMs = Math.max(0, input.durationMs);
    if (input.polls !== undefined) draft.taskPolls = Math.max(0, Math.floor(input.polls));
    if (input.failTaskId !== undefined) {
      const t = draft.tasks[input.failTaskId];
      if (!t || t.status !== TASK_STATUS.ACTIVE) fail('NON_ACTIVE_TASK');
      t.failAtEnd = true;
      if (input.atStep !== undefined) {
        // Fail when the task reaches that step of its work, on the virtual clock.
        const step = Math.max(0, Math.min(t.totalSteps, input.atStep));
        t.failAtMs = t.startMs + Math.floor((t.durationMs * step) / t.totalSteps);
        noteDue(draft, t.failAtMs);
      }
    }
  };

/** Everything time-driven that has come due: tasks end, their effects apply. */
export function runDueTasks(random: RandomSource, array: Draft<ArrayState>, ctx: CommandContext): number {
  let next = Number.POSITIVE_INFINITY;
  const due: number[] = [];
  for (const t of Object.values(snapshotOf<ArrayState>(array).tasks)) {
    if (t.status !== TASK_STATUS.ACTIVE || t.pollsLeft !== undefined) continue;
    const end = t.failAtMs ?? t.startMs + t.durationMs;
    if (end <= ctx.nowMs) due.push(t.id);
    else next = Math.min(next, end);
  }
  due.sort((a, b) => a - b);
  for (const id of due) {
    const t = array.tasks[id]!;
    finish(random, array, t, ctx, t.failAtEnd || t.failAtMs !== undefined ? TASK_STATUS.FAILED : TASK_STATUS.DONE);
  }
  return next;
}

/** Forget tasks older than the listing window so the table does not grow without end. */
export function pruneOldTasks(array: Draft<ArrayState>, nowMs: number): void {
  for (const t of Object.values(snapshotOf<ArrayState>(array).tasks)) {
    if (t.status !== TASK_STATUS.ACTIVE && (t.finishMs ?? t.startMs) < nowMs - TASK_LIST_WINDOW_MS) delete array.tasks[t.id];
  }
}

/** Poll mode: reading a task (or the list) counts as a poll; a task ends when its polls run out. */
export const pollTasks =
  (input: { ids?: number[] }): Command<void> =>
  (fabric, ctx) => {
    const draft = arrayOf(fabric, ctx);
    const snap = snapshotOf<ArrayState>(draft);
    const ids = input.ids ?? Object.keys(snap.tasks).map(Number);
    for (const id of ids) {
      const t = snap.tasks[id];
      if (!t || t.status !== TASK_STATUS.ACTIVE || t.pollsLeft === undefined) continue;
      const d = draft.tasks[id]!;
      d.pollsLeft = t.pollsLeft - 1;
      if (d.pollsLeft <= 0) finish(fabric, draft, d, ctx, t.failAtEnd ? TASK_STATUS.FAILED : TASK_STATUS.DONE);
    }
  };

export function hasPolledTasks(array: ArrayState): boolean {
  return array.taskPolls > 0 || Object.values(array.tasks).some((t) => t.pollsLeft !== undefined && t.status === TASK_STATUS.ACTIVE);
}
