import { fail } from './errors.ts';
import { arrayOf, snapshotOf, type Command } from './fabric.ts';
import type { ArrayState, DiskTypeName, Login } from './state.ts';
import { noteDue, registerTaskKind, startTask } from './task.ts';
import { getVolume } from './volume.ts';

/**
 * Failures a test injects at the array level. They go through the model like any command, so the state stays
 * consistent: a failed node's ports go offline and its initiators' paths drop (VLUNs stop being active), failed
 * drives shrink the free space (operations then fail with the array's out-of-space errors), a held volume stays
 * busy until released.
 */
export const failNode =
  (input: { node: number }): Command<void> =>
  (fabric, ctx) => {
    const draft = arrayOf(fabric, ctx);
    const array = snapshotOf<ArrayState>(draft);
    if (!Number.isInteger(input.node) || input.node < 0 || input.node >= array.profile.nodes) fail('INV_INPUT_EXCEEDS_RANGE', { ref: 'node' });
    if (array.failedNodes.includes(input.node)) return;
    draft.failedNodes.push(input.node);
    const onNode = (l: Login) => l.portPos.startsWith(`${input.node}:`);
    for (const [initiator, logins] of Object.entries(array.logins)) {
      const gone = logins.filter(onNode);
      if (gone.length === 0) continue;
      draft.suspendedLogins[initiator] = [...(array.suspendedLogins[initiator] ?? []), ...gone];
      const kept = logins.filter((l) => !onNode(l));
      if (kept.length === 0) delete draft.logins[initiator];
      else draft.logins[initiator] = kept;
    }
  };

export const recoverNode =
  (input: { node: number }): Command<void> =>
  (fabric, ctx) => {
    const draft = arrayOf(fabric, ctx);
    const array = snapshotOf<ArrayState>(draft);
    draft.failedNodes = array.failedNodes.filter((n) => n !== input.node);
    for (const [initiator, logins] of Object.entries(array.suspendedLogins)) {
      const back = logins.filter((l) => l.portPos.startsWith(`${input.node}:`));
      if (back.length === 0) continue;
      const current = draft.logins[initiator] ?? [];
      for (const l of back) if (!current.some((c) => c.portPos === l.portPos)) current.push(l);
      draft.logins[initiator] = current;
      const rest = logins.filter((l) => !l.portPos.startsWith(`${input.node}:`));
      if (rest.length === 0) delete draft.suspendedLogins[initiator];
      else draft.suspendedLogins[initiator] = rest;
    }
  };

/** Drives of a type fail (count > 0) or are replaced (count 0): their raw space leaves the free pool. */
export const failDisks =
  (input: { type: DiskTypeName; count: number }): Command<void> =>
  (fabric, ctx) => {
    const draft = arrayOf(fabric, ctx);
    const array = snapshotOf<ArrayState>(draft);
    const group = array.profile.disks.find((d) => d.type === input.type);
    if (!group) fail('INV_INPUT_BAD_ENUM_VALUE', { ref: 'type' });
    if (!Number.isInteger(input.count) || input.count < 0 || input.count > group.count) fail('INV_INPUT_EXCEEDS_RANGE', { ref: 'count' });
    draft.failedDisks[input.type] = input.count;
  };

/** A volume stuck busy (a background task that does not end until released through the task API). */
export const holdVolume =
  (input: { name: string }): Command<{ taskid: number }> =>
  (fabric, ctx) => {
    const draft = arrayOf(fabric, ctx);
    const v = getVolume(snapshotOf<ArrayState>(draft), input.name);
    if (v.busyTaskId !== undefined) fail('INV_OPERATION_VV_IS_BUSY');
    const before = draft.taskDurationMs;
    draft.taskDurationMs = 10 * 365 * 86_400_000;
    const task = startTask(draft, ctx, { type: 16, name: input.name, totalSteps: 1, effect: { kind: 'hold', volume: input.name } });
    draft.taskDurationMs = before;
    delete task.pollsLeft;
    noteDue(draft, task.startMs + task.durationMs);
    draft.volumes[input.name]!.busyTaskId = task.id;
    return { taskid: task.id };
  };

const release = (array: Parameters<Parameters<typeof registerTaskKind>[1]['cancel']>[0], name: string) => {
  const v = array.volumes[name];
  if (v) delete v.busyTaskId;
};
registerTaskKind('hold', {
  complete: (array, task) => void (task.effect.kind === 'hold' && release(array, task.effect.volume)),
  fail: (array, task) => void (task.effect.kind === 'hold' && release(array, task.effect.volume)),
  cancel: (array, task) => void (task.effect.kind === 'hold' && release(array, task.effect.volume)),
});
