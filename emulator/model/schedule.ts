import { checkName } from './names.ts';
import { arrayOf, requireRole, type Command } from './fabric.ts';
import type { Schedule } from './state.ts';

/**
 * CLI task schedules. The array keeps them and shows them; running the scheduled command on the virtual clock
 * is not modelled (the schedule's existence is what clients check).
 */

const KEYWORDS = ['@hourly', '@daily', '@weekly', '@monthly', '@yearly', '@annually', '@midnight'];
const FIELD = /^(\*|\d+(-\d+)?)(\/\d+)?(,(\*|\d+(-\d+)?)(\/\d+)?)*$/;

/** Schedule refusals: the CLI words them itself (no WSAPI error exists for schedules). */
export class ScheduleError extends Error {
  constructor(readonly reason: 'format' | 'exists' | 'missing', readonly subject: string) {
    super(`${reason}: ${subject}`);
  }
}

/** Cron's five fields, or one of the @-keywords. */
export function validWhen(when: string): boolean {
  if (KEYWORDS.includes(when)) return true;
  const f = when.trim().split(/\s+/);
  return f.length === 5 && f.every((x) => FIELD.test(x));
}

export const createSchedule =
  (input: { name: string; command: string; when: string }): Command<void> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const array = arrayOf(fabric, ctx);
    checkName(input.name, 31, 'name');
    if (!validWhen(input.when)) throw new ScheduleError('format', input.when);
    array.schedules ??= {};
    if (array.schedules[input.name]) throw new ScheduleError('exists', input.name);
    array.schedules[input.name] = { name: input.name, command: input.command, when: input.when.trim(), suspended: false, createdBy: ctx.actor.user, createdMs: ctx.nowMs } satisfies Schedule;
  };

export const modifySchedule =
  (input: { name: string; newName?: string; when?: string; suspended?: boolean }): Command<void> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const array = arrayOf(fabric, ctx);
    const s = array.schedules?.[input.name];
    if (!s) throw new ScheduleError('missing', input.name);
    if (input.when !== undefined && !validWhen(input.when)) throw new ScheduleError('format', input.when);
    if (input.newName !== undefined && input.newName !== input.name) {
      checkName(input.newName, 31, 'name');
      if (array.schedules![input.newName]) throw new ScheduleError('exists', input.newName);
    }
    if (input.when !== undefined) s.when = input.when.trim();
    if (input.suspended !== undefined) s.suspended = input.suspended;
    if (input.newName !== undefined && input.newName !== input.name) {
      array.schedules![input.newName] = { ...s, name: input.newName };
      delete array.schedules![input.name];
    }
  };

export const removeSchedule =
  (input: { name: string }): Command<void> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const array = arrayOf(fabric, ctx);
    if (!array.schedules?.[input.name]) throw new ScheduleError('missing', input.name);
    delete array.schedules[input.name];
  };
