import type { Draft } from 'immer';
import { fail } from './errors.ts';
import { arrayOf, requireRole, snapshotOf, type Command, type CommandContext } from './fabric.ts';
import { checkName } from './names.ts';
import { COPY_TYPE, PROVISIONING, setVolumeCpgs, setVolumeSpace, targetSpace } from './space.ts';
import type { ArrayState, Task, Volume } from './state.ts';
import { takeSnapshot } from './snapshot.ts';
import { TASK_STATUS, TASK_TYPE, registerTaskKind, startTask, type RandomSource } from './task.ts';
import {
  DEFAULT_POLICIES,
  baseVolume,
  checkCpgForVolume,
  claimVolumeId,
  busyKind,
  checkNormal,
  getVolume,
  insertVolume,
  isThin,
  removeVolume,
  volumeById,
} from './volume.ts';

const PRIORITIES = [1, 2, 3];

export interface PhysicalCopyInput {
  source: string;
  destVolume: string;
  destCPG?: string;
  online?: boolean;
  tpvv?: boolean;
  tdvv?: boolean;
  reduce?: boolean;
  compression?: boolean;
  snapCPG?: string;
  saveSnapshot?: boolean;
  priority?: number;
}

function claimTwoIds(array: ArrayState): [number, number] {
  const a = claimVolumeId(array, undefined);
  let b = a + 1;
  while (array.volumeIds[b] !== undefined) b++;
  return [a, b];
}

/**
 * createPhysicalCopy. Online: the array creates the destination at once, usable while data streams in from a
 * read-only snapshot of the source (kept as destination.copyOf → a RW snapshot → that RO snapshot, the chain
 * python-3parclient's stopOnlinePhysicalCopy deletes). Offline: into an existing, unexported volume of at least
 * the source's size, through a snapshot of the source that saveSnapshot keeps for a later resync.
 */
export const createPhysicalCopy =
  (input: PhysicalCopyInput): Command<{ taskid: number; destination: string }> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const draft = arrayOf(fabric, ctx);
    const array = snapshotOf<ArrayState>(draft);
    const src = getVolume(array, input.source);
    checkName(input.destVolume, 31, 'destVolume');
    if (input.priority !== undefined && !PRIORITIES.includes(input.priority)) fail('INV_INPUT_BAD_ENUM_VALUE', { ref: 'priority' });
    if (input.destVolume === input.source) fail('INV_OPERATION_VV_COPY_TO_SELF');
    if (src.failedStates?.includes(9)) fail('INV_OPERATION_VV_FAILED_ONLINE_COPY');
    checkNormal(src);
    const srcBusy = busyKind(array, src);
    if (srcBusy === 'tune') fail('INV_OPERATION_VV_VOLUME_CONV_IN_PROGRESS');
    if (srcBusy === 'physicalCopy' || srcBusy === 'resync') fail(input.online ? 'INV_OPERATION_VV_ONLINE_COPY_IN_PROGRESS' : 'INV_OPERATION_VV_PCOPY_IN_PROGRESS');
    const tempSnapCpg = src.snapCPG ?? src.userCPG;

    if (input.online) {
      if (input.priority !== undefined) fail('INV_INPUT_PARAM_CONFLICT', { ref: 'priority' });
      if (input.saveSnapshot) fail('INV_INPUT_PARAM_CONFLICT', { ref: 'saveSnapshot' });
      if (input.destCPG === undefined) fail('INV_INPUT_MISSING_REQUIRED', { ref: 'destCPG' });
      if (input.reduce !== undefined) fail('INV_INPUT', { ref: 'reduce' });
      if (input.tpvv && input.tdvv) fail('INV_INPUT_PARAM_CONFLICT', { ref: 'tpvv,tdvv' });
      const cpg = array.cpgs[input.destCPG];
      if (!cpg) fail('NON_EXISTENT_CPG');
      if (input.snapCPG !== undefined) checkCpgForVolume(array, input.snapCPG, cpg.domain);
      if (cpg.domain !== src.domain) fail('CPG_NOT_IN_SAME_DOMAIN');
      if (array.volumes[input.destVolume]) fail('EXISTENT_VOL');
      const type = input.tdvv ? PROVISIONING.TDVV : input.tpvv ? PROVISIONING.TPVV : PROVISIONING.FULL;
      const [roId, rwId] = claimTwoIds(array);
      const ro = `${input.destVolume}.pcsnap0`;
      const rw = `${input.destVolume}.pcsnap1`;
      for (const n of [ro, rw]) if (array.volumes[n]) fail('EXISTENT_VOL');
      // The copy's temporary snapshots live in the source family's snapshot space.
      const srcForSnap: Volume = tempSnapCpg !== undefined ? { ...src, snapCPG: tempSnapCpg } : src;
      const roSnap = takeSnapshot(draft, ctx, fabric, srcForSnap, { name: ro, resolvedId: roId, readOnly: true });
      const rwSnap = takeSnapshot(draft, ctx, fabric, roSnap as Volume, { name: rw, resolvedId: rwId, readOnly: false });
      const destId = claimVolumeId(snapshotOf<ArrayState>(draft), undefined);
      const dest = baseVolume(ctx, {
        array,
        fabric,
        id: destId,
        name: input.destVolume,
        sizeMiB: src.sizeMiB,
        provisioningType: type,
        compression: input.compression === true,
        userCPG: input.destCPG,
        ...(input.snapCPG !== undefined ? { snapCPG: input.snapCPG } : {}),
        ...(cpg.domain !== undefined ? { domain: cpg.domain } : {}),
        policies: { ...DEFAULT_POLICIES },
        alerts: {},
      });
      dest.copyType = COPY_TYPE.PHYSICAL_COPY;
      dest.physParentId = src.id;
      dest.copyOfId = rwSnap.id;
      const d = insertVolume(draft, dest);
      const counts = draft.cpgs[input.destCPG]!.counts;
      if (type === PROVISIONING.FULL) counts.fpvv += 1;
      else if (type === PROVISIONING.TPVV) counts.tpvv += 1;
      else counts.tdvv += 1;
      const task = startTask(draft, ctx, {
        type: TASK_TYPE.ONLINE_COPY,
        name: input.destVolume,
        totalSteps: Math.max(1, Math.ceil(src.sizeMiB / 1024)),
        effect: { kind: 'physicalCopy', source: src.name, destination: input.destVolume, online: true, tempSnapshots: [rw, ro], saveSnapshot: false },
      });
      d.busyTaskId = task.id;
      return { taskid: task.id, destination: input.destVolume };
    }

    if (input.destCPG !== undefined) fail('INV_INPUT_PARAM_CONFLICT', { ref: 'destCPG' });
    for (const k of ['tpvv', 'tdvv', 'reduce', 'compression', 'snapCPG'] as const) if (input[k] !== undefined) fail('INV_INPUT_PARAM_CONFLICT', { ref: k });
    const dest = getVolume(array, input.destVolume);
    if (dest.copyType === COPY_TYPE.VIRTUAL_COPY) fail('INV_OPERATION_NON_BASE_VOLUME');
    if (dest.id === src.baseId) fail('INV_OPERATION_VV_COPY_TO_BASE');
    if (dest.exports > 0) fail('INV_OPERATION_VLUN_PCOPY_TARGET_VV');
    if (dest.busyTaskId !== undefined) fail('INV_OPERATION_VV_PCOPY_IN_PROGRESS');
    if (dest.childIds.length > 0) fail('INV_OPERATION_VV_NO_SNAPSHOT_ALLOWED');
    if (dest.sizeMiB < src.sizeMiB) fail('INV_OPERATION_VV_COPY_PARENT_TOO_BIG');
    // Copying a family member into a volume it was itself copied from would go round in a circle.
    if (src.physParentId === dest.id) fail('INV_OPERATION_VV_CIRCULAR_COPY');
    const snapName = `${input.destVolume}.pcsnap0`;
    if (array.volumes[snapName]) fail('EXISTENT_VOL');
    const snapId = claimVolumeId(array, undefined);
    const srcForSnap: Volume = tempSnapCpg !== undefined ? { ...src, snapCPG: tempSnapCpg } : src;
    const snap = takeSnapshot(draft, ctx, fabric, srcForSnap, { name: snapName, resolvedId: snapId, readOnly: true });
    const d = draft.volumes[input.destVolume]!;
    d.copyType = COPY_TYPE.PHYSICAL_COPY;
    d.physParentId = src.id;
    d.copyOfId = snap.id;
    const task = startTask(draft, ctx, {
      type: TASK_TYPE.VV_COPY,
      name: input.destVolume,
      ...(input.priority !== undefined ? { priority: input.priority } : {}),
      totalSteps: Math.max(1, Math.ceil(src.sizeMiB / 1024)),
      effect: { kind: 'physicalCopy', source: src.name, destination: input.destVolume, online: false, tempSnapshots: [snapName], saveSnapshot: input.saveSnapshot === true },
    });
    d.busyTaskId = task.id;
    return { taskid: task.id, destination: input.destVolume };
  };

/** A task is over for this volume: it is no longer busy, and a failed task leaves it COPY_FAILED. */
function settle(array: Draft<ArrayState>, name: string, failed = false): Draft<Volume> | undefined {
  const v = array.volumes[name];
  if (!v) return undefined;
  delete v.busyTaskId;
  if (failed) v.failedStates = [9];
  return v;
}

function dropSnapshotIfFree(array: Draft<ArrayState>, name: string): void {
  const s = array.volumes[name];
  if (s && s.childIds.length === 0 && s.exports === 0 && s.sets.length === 0 && s.busyTaskId === undefined) removeVolume(array, name);
}

/** The destination now holds the source's data (as of the snapshot). */
function copyData(array: Draft<ArrayState>, destName: string, sourceWrittenMiB: number): void {
  const d = array.volumes[destName];
  if (!d) return;
  d.writtenMiB = Math.min(d.sizeMiB, sourceWrittenMiB);
  setVolumeSpace(array, d, targetSpace(d, d.cowMiB));
}

registerTaskKind('physicalCopy', {
  complete(array, task) {
    const e = task.effect;
    if (e.kind !== 'physicalCopy') return;
    const src = array.volumes[e.source];
    const d = array.volumes[e.destination];
    if (d) delete d.busyTaskId;
    copyData(array, e.destination, src?.writtenMiB ?? 0);
    if (!d) return;
    if (e.online) {
      // Finished online copies are independent base volumes.
      d.copyType = COPY_TYPE.BASE;
      delete d.physParentId;
      delete d.copyOfId;
      for (const n of e.tempSnapshots) dropSnapshotIfFree(array, n);
    } else if (!e.saveSnapshot) {
      delete d.copyOfId;
      for (const n of e.tempSnapshots) dropSnapshotIfFree(array, n);
    }
  },
  // COPY_FAILED: the destination holds partial data and says so.
  fail: (array, task) => void (task.effect.kind === 'physicalCopy' && settle(array, task.effect.destination, true)),
  cancel: (array, task) => void (task.effect.kind === 'physicalCopy' && settle(array, task.effect.destination)),
});

/** PUT action 2 on a physical copy: bring it up to date from its saved snapshot. */
export const resyncPhysicalCopy =
  (input: { name: string; priority?: number }): Command<{ taskid: number }> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const draft = arrayOf(fabric, ctx);
    const array = snapshotOf<ArrayState>(draft);
    const d = getVolume(array, input.name);
    if (input.priority !== undefined && !PRIORITIES.includes(input.priority)) fail('INV_INPUT_BAD_ENUM_VALUE', { ref: 'priority' });
    if (d.copyType !== COPY_TYPE.PHYSICAL_COPY || d.physParentId === undefined) fail('INV_OPERATION_VV_NO_PARENT');
    if (d.copyOfId === undefined || !volumeById(array, d.copyOfId)) fail('NON_EXISTENT_VVCOPY');
    if (d.busyTaskId !== undefined) fail('INV_OPERATION_VV_PCOPY_IN_PROGRESS');
    if (d.exports > 0) fail('IN_USE');
    const parent = volumeById(array, d.physParentId);
    if (!parent) fail('INV_OPERATION_VV_NO_PARENT');
    const task = startTask(draft, ctx, {
      type: TASK_TYPE.PHYS_COPY_RESYNC,
      name: input.name,
      ...(input.priority !== undefined ? { priority: input.priority } : {}),
      totalSteps: Math.max(1, Math.ceil(d.sizeMiB / 1024)),
      effect: { kind: 'resync', destination: input.name },
    });
    draft.volumes[input.name]!.busyTaskId = task.id;
    return { taskid: task.id };
  };

registerTaskKind('resync', {
  complete(array, task) {
    if (task.effect.kind !== 'resync') return;
    const d = settle(array, task.effect.destination);
    if (!d) return;
    const parent = d.physParentId !== undefined ? array.volumes[array.volumeIds[d.physParentId] ?? ''] : undefined;
    copyData(array, d.name, parent?.writtenMiB ?? d.writtenMiB);
  },
  fail: (array, task) => void (task.effect.kind === 'resync' && settle(array, task.effect.destination, true)),
  cancel: (array, task) => void (task.effect.kind === 'resync' && settle(array, task.effect.destination)),
});

/**
 * PUT action 1 on a physical copy: stop a running copy and/or break the copy relationship; the destination
 * becomes a base volume and the snapshot kept for resync goes.
 */
export const stopPhysicalCopy =
  (input: { name: string }): Command<void> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const draft = arrayOf(fabric, ctx);
    const array = snapshotOf<ArrayState>(draft);
    const d = getVolume(array, input.name);
    if (d.copyType !== COPY_TYPE.PHYSICAL_COPY) fail('INV_OPERATION_VV_NO_PARENT');
    const dd = draft.volumes[input.name]!;
    const running = d.busyTaskId !== undefined ? draft.tasks[d.busyTaskId] : undefined;
    let temps: string[] = [];
    if (running && running.status === TASK_STATUS.ACTIVE) {
      running.status = TASK_STATUS.CANCELLED;
      running.finishMs = ctx.nowMs;
      if (running.effect.kind === 'physicalCopy') temps = running.effect.tempSnapshots;
    }
    delete dd.busyTaskId;
    const saved = volumeById(array, d.copyOfId);
    dd.copyType = COPY_TYPE.BASE;
    delete dd.physParentId;
    delete dd.copyOfId;
    for (const n of temps.length ? temps : saved ? [saved.name] : []) dropSnapshotIfFree(draft, n);
  };

/** PUT action 4 on a snapshot: copy its data back onto its base volume, as a task. */
export const promoteVirtualCopy =
  (input: { name: string; online?: boolean; priority?: number; allowRemoteCopyParent?: boolean }): Command<{ taskid: number }> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const draft = arrayOf(fabric, ctx);
    const array = snapshotOf<ArrayState>(draft);
    const snap = getVolume(array, input.name);
    if (input.priority !== undefined && !PRIORITIES.includes(input.priority)) fail('INV_INPUT_BAD_ENUM_VALUE', { ref: 'priority' });
    if (input.online && input.priority !== undefined) fail('INV_OPERATION_PARAM_CONFLICT');
    if (snap.copyType !== COPY_TYPE.VIRTUAL_COPY) fail('INV_OPERATION_VV_BASE_VOLUME');
    const base = volumeById(array, snap.baseId);
    if (!base) fail('INV_OPERATION_PROMOTE_TARGET_NOT_BASE_VV');
    if (base.busyTaskId !== undefined) {
      const t = array.tasks[base.busyTaskId];
      fail(t?.effect.kind === 'promote' ? 'INV_OPERATION_VV_PROMOTE_IN_PROGRESS' : 'INV_OPERATION_VV_PCOPY_IN_PROGRESS');
    }
    if (!input.online && base.exports > 0) fail('INV_OPERATION_PARENT_VV_EXPORTED');
    if (snap.sizeMiB < base.sizeMiB) fail('INV_OPERATION_PARENT_SIZE_HAS_INCREASED');
    const task = startTask(draft, ctx, {
      type: TASK_TYPE.PROMOTE_SV,
      name: base.name,
      ...(input.priority !== undefined ? { priority: input.priority } : {}),
      totalSteps: Math.max(1, Math.ceil(base.sizeMiB / 1024)),
      effect: { kind: 'promote', snapshot: snap.name, base: base.name },
    });
    draft.volumes[base.name]!.busyTaskId = task.id;
    return { taskid: task.id };
  };

/** PUT action 5: stop a running promote of this snapshot. */
export const stopPromoteVirtualCopy =
  (input: { name: string }): Command<void> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const draft = arrayOf(fabric, ctx);
    const array = snapshotOf<ArrayState>(draft);
    const snap = getVolume(array, input.name);
    const base = volumeById(array, snap.baseId);
    const task = base?.busyTaskId !== undefined ? array.tasks[base.busyTaskId] : undefined;
    if (!base || !task || task.effect.kind !== 'promote' || task.effect.snapshot !== snap.name || task.status !== TASK_STATUS.ACTIVE) {
      fail('INV_OPERATION_VV_PROMOTE_IS_NOT_IN_PROGRESS');
    }
    const t = draft.tasks[task.id]!;
    t.status = TASK_STATUS.CANCELLED;
    t.finishMs = ctx.nowMs;
    delete draft.volumes[base.name]!.busyTaskId;
  };

registerTaskKind('promote', {
  complete: (array, task) => void (task.effect.kind === 'promote' && settle(array, task.effect.base)),
  fail: (array, task) => void (task.effect.kind === 'promote' && settle(array, task.effect.base, true)),
  cancel: (array, task) => void (task.effect.kind === 'promote' && settle(array, task.effect.base)),
});

export const TUNE_OPERATION = { USR_CPG: 1, SNP_CPG: 2 } as const;
export const CONVERSION = { TPVV: 1, FPVV: 2, TDVV: 3, CONVERT_TO_DECO: 4 } as const;

/** PUT action 6: move a volume's space to other CPGs and/or convert its provisioning, as a task. */
export const tuneVolume =
  (input: { name: string; tuneOperation?: number; userCPG?: string; snapCPG?: string; conversionOperation?: number; keepVV?: string; compression?: boolean }): Command<{ taskid: number }> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const draft = arrayOf(fabric, ctx);
    const array = snapshotOf<ArrayState>(draft);
    const v = getVolume(array, input.name);
    if (input.tuneOperation === undefined) fail('INV_INPUT_MISSING_REQUIRED', { ref: 'tuneOperation' });
    if (![1, 2].includes(input.tuneOperation)) fail('INV_INPUT_BAD_ENUM_VALUE', { ref: 'tuneOperation' });
    if (input.conversionOperation !== undefined && ![1, 2, 3, 4].includes(input.conversionOperation)) fail('INV_INPUT_BAD_ENUM_VALUE', { ref: 'conversionOperation' });
    if (v.copyType !== COPY_TYPE.BASE) fail('INV_OPERATION_VV_NON_BASE_VOLUME');
    if (v.busyTaskId !== undefined) fail('INV_OPERATION_VV_TUNE_IN_PROGRESS');
    if (input.tuneOperation === TUNE_OPERATION.USR_CPG) {
      if (input.userCPG === undefined) fail('INV_INPUT_MISSING_REQUIRED', { ref: 'userCPG' });
      checkCpgForVolume(array, input.userCPG, v.domain);
    } else {
      if (input.snapCPG === undefined) fail('INV_INPUT_MISSING_REQUIRED', { ref: 'snapCPG' });
      checkCpgForVolume(array, input.snapCPG, v.domain);
    }
    const target =
      input.conversionOperation === CONVERSION.TPVV ? PROVISIONING.TPVV
      : input.conversionOperation === CONVERSION.FPVV ? PROVISIONING.FULL
      : input.conversionOperation === CONVERSION.TDVV || input.conversionOperation === CONVERSION.CONVERT_TO_DECO ? PROVISIONING.TDVV
      : undefined;
    if (target !== undefined && target === v.provisioningType && input.compression === undefined) {
      fail(target === PROVISIONING.TPVV ? 'INV_INPUT_VV_IS_TPVV' : target === PROVISIONING.FULL ? 'INV_INPUT_VV_IS_FPVV' : 'INV_INPUT_VV_IS_TDVV');
    }
    // Converting a volume that has snapshots needs keepVV for the old copy: the 400/40 mentioning keepVV cinder looks for.
    if (target !== undefined && v.childIds.length > 0 && input.keepVV === undefined) {
      fail('INV_INPUT_MISSING_REQUIRED', { ref: 'keepVV', desc: 'invalid input: keepVV is required when converting a volume that has snapshots' });
    }
    if (input.keepVV !== undefined) {
      checkName(input.keepVV, 31, 'keepVV');
      if (array.volumes[input.keepVV]) fail('EXISTENT_VOL');
    }
    const task = startTask(draft, ctx, {
      type: TASK_TYPE.CONVERT_VV,
      name: input.name,
      totalSteps: Math.max(1, Math.ceil(v.sizeMiB / 1024)),
      effect: {
        kind: 'tune',
        volume: input.name,
        ...(input.tuneOperation === TUNE_OPERATION.USR_CPG ? { userCPG: input.userCPG! } : { snapCPG: input.snapCPG! }),
        ...(target !== undefined ? { provisioningType: target } : {}),
        ...(input.compression !== undefined ? { compression: input.compression } : {}),
        ...(input.keepVV !== undefined ? { keepVV: input.keepVV } : {}),
      },
    });
    draft.volumes[input.name]!.busyTaskId = task.id;
    return { taskid: task.id };
  };

function applyTune(array: Draft<ArrayState>, task: Draft<Task>, ctx: CommandContext, random: RandomSource): void {
  const e = task.effect;
  if (e.kind !== 'tune') return;
  const v = array.volumes[e.volume];
  if (!v) return;
  delete v.busyTaskId;
  const oldType = v.provisioningType;
  const counts = (cpg: string | undefined) => (cpg ? array.cpgs[cpg]?.counts : undefined);
  const bump = (cpg: string | undefined, type: number, by: number) => {
    const c = counts(cpg);
    if (!c) return;
    if (type === PROVISIONING.FULL) c.fpvv += by;
    else if (type === PROVISIONING.TPVV) c.tpvv += by;
    else if (type === PROVISIONING.TDVV) c.tdvv += by;
  };
  // keepVV: the volume as it was (provisioning, CPGs, data) stays on under that name.
  if (e.keepVV !== undefined && !array.volumes[e.keepVV]) {
    const snap = snapshotOf<ArrayState>(array);
    const kept = baseVolume(ctx, {
      array: snap,
      fabric: random,
      id: claimVolumeId(snap, undefined),
      name: e.keepVV,
      sizeMiB: v.sizeMiB,
      provisioningType: oldType,
      compression: v.compression,
      ...(v.userCPG !== undefined ? { userCPG: v.userCPG } : {}),
      ...(v.snapCPG !== undefined ? { snapCPG: v.snapCPG } : {}),
      ...(v.domain !== undefined ? { domain: v.domain } : {}),
      policies: { ...v.policies },
      alerts: {},
    });
    kept.writtenMiB = v.writtenMiB;
    kept.space = targetSpace(kept, 0);
    insertVolume(array, kept);
    bump(kept.userCPG, oldType, 1);
  }
  bump(v.userCPG, oldType, -1);
  if (e.userCPG !== undefined) setVolumeCpgs(array, v, { userCPG: e.userCPG });
  if (e.snapCPG !== undefined) setVolumeCpgs(array, v, { snapCPG: e.snapCPG });
  if (e.provisioningType !== undefined) v.provisioningType = e.provisioningType;
  if (e.compression !== undefined) v.compression = e.compression && isThin(v);
  if (!isThin(v)) v.policies.zeroDetect = false;
  bump(v.userCPG, v.provisioningType, 1);
  setVolumeSpace(array, v, targetSpace(v, v.cowMiB));
}

registerTaskKind('tune', {
  complete: applyTune,
  fail: (array, task) => void (task.effect.kind === 'tune' && settle(array, task.effect.volume)),
  cancel: (array, task) => void (task.effect.kind === 'tune' && settle(array, task.effect.volume)),
});
