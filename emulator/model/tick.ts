import type { Draft } from 'immer';
import { arrayOf, snapshotOf, SYSTEM_ACTOR, type Command, type Fabric } from './fabric.ts';
import type { ArrayState } from './state.ts';
import { pruneOldTasks, runDueTasks } from './task.ts';
import { removeVolume, volumeById } from './volume.ts';
import { COPY_TYPE, setVolumeSpace, targetSpace } from './space.ts';
// The task kinds register what happens when their tasks end.
import './copy.ts';
import './faults.ts';
import { runPeriodicSyncs } from './remotecopy.ts';

/**
 * Volumes whose expiration time has passed go, as the array's remove_expired_vvs system task does. One with
 * children, an export or a set membership stays until those are gone (it is retried on later ticks).
 */
function expireVolumes(array: Draft<ArrayState>, nowMs: number): number {
  let next = Number.POSITIVE_INFINITY;
  const snap = snapshotOf<ArrayState>(array);
  const due = Object.values(snap.volumes)
    .filter((v) => v.expirationMs !== undefined)
    .sort((a, b) => b.id - a.id);
  for (const v of due) {
    if (v.expirationMs! > nowMs) {
      next = Math.min(next, v.expirationMs!);
      continue;
    }
    const live = array.volumes[v.name];
    if (!live) continue;
    if (live.childIds.length > 0 || live.exports > 0 || live.sets.length > 0 || live.busyTaskId !== undefined) {
      next = Math.min(next, nowMs + 60_000);
      continue;
    }
    const baseId = live.baseId;
    const wasSnapshot = live.copyType === COPY_TYPE.VIRTUAL_COPY;
    removeVolume(array, v.name);
    if (wasSnapshot) {
      const base = volumeById(snapshotOf<ArrayState>(array), baseId);
      if (base && base.childIds.length === 0) {
        const b = array.volumes[base.name]!;
        b.cowMiB = 0;
        setVolumeSpace(array, b, targetSpace(b, 0));
      }
    }
  }
  return next;
}

/** Run whatever the virtual clock has made due on this array. */
export const tick: Command<void> = (fabric, ctx) => {
  const array = arrayOf(fabric, ctx);
  if (ctx.nowMs < array.dueMs) return;
  const nextTask = runDueTasks(fabric, array, ctx);
  const nextExpiry = expireVolumes(array, ctx.nowMs);
  const nextSync = runPeriodicSyncs(fabric, ctx);
  pruneOldTasks(array, ctx.nowMs);
  array.dueMs = Math.min(nextTask, nextExpiry, nextSync);
};

export function isDue(array: ArrayState, nowMs: number): boolean {
  return nowMs >= array.dueMs;
}

/**
 * Let the virtual clock's due work (task ends, expirations, periodic syncs) happen before anyone looks, through
 * either door. The clock is the fabric's: every array's due work runs, since replication crosses arrays.
 */
export function catchUpFabric(fabric: Fabric): void {
  const now = fabric.clock.now();
  for (const key of Object.keys(fabric.state.arrays)) if (isDue(fabric.array(key), now)) fabric.run(key, SYSTEM_ACTOR, tick);
}
