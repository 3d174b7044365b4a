import type { Draft } from 'immer';
import { fail } from './errors.ts';
import { arrayOf, requireRole, snapshotOf, type Command, type CommandContext } from './fabric.ts';
import { checkName } from './names.ts';
import { randomUuid } from './random.ts';
import { COPY_TYPE, PROVISIONING } from './space.ts';
import type { ArrayState, Volume } from './state.ts';
import { checkComment, claimVolumeId, freshVolumeState, getVolume, insertVolume, lifetimes, volumeById, volumeWwn } from './volume.ts';

export interface SnapshotInput {
  name: string;
  id?: number;
  comment?: string;
  readOnly?: boolean;
  expirationHours?: number;
  retentionHours?: number;
}

/**
 * Check a snapshot request against its source; returns what the new snapshot will be. Shared by single and
 * volume-set snapshots, which must all pass before any is taken.
 */
export function planSnapshot(array: ArrayState, source: Volume, input: SnapshotInput, nowMs: number, taken: ReadonlySet<string> = new Set()) {
  checkName(input.name, 31, 'name');
  if (input.comment !== undefined) checkComment(input.comment, 511, 'comment');
  const life = lifetimes(array, nowMs, input.expirationHours, input.retentionHours);
  // Snapshot data lives in the snapshot CPG of the family.
  if (source.snapCPG === undefined) fail('NO_SNAP_CPG');
  const readOnly = input.readOnly === true;
  if (readOnly && source.readOnly && source.copyType === COPY_TYPE.VIRTUAL_COPY) fail('INV_OPERATION_VV_READONLY_TO_READONLY_SNAP');
  if (array.volumes[input.name] || taken.has(input.name)) fail('EXISTENT_VOL');
  return { readOnly, life };
}

/** Put a snapshot of `source` into the fabric: a tree node under it, sharing the family's base. */
export function takeSnapshot(
  array: Draft<ArrayState>,
  ctx: CommandContext,
  random: Parameters<typeof randomUuid>[0],
  source: Volume,
  input: SnapshotInput & { resolvedId: number; readOnly: boolean; expirationMs?: number; retentionMs?: number },
): Draft<Volume> {
  const snap: Volume = {
    id: input.resolvedId,
    name: input.name,
    uuid: randomUuid(random),
    wwn: volumeWwn(array.profile.systemId, input.resolvedId),
    provisioningType: PROVISIONING.SNP,
    copyType: COPY_TYPE.VIRTUAL_COPY,
    baseId: source.baseId,
    parentId: source.id,
    copyOfId: source.id,
    readOnly: input.readOnly,
    sizeMiB: source.sizeMiB,
    compression: false,
    policies: { ...source.policies },
    ssSpcAllocWarningPct: 0,
    ssSpcAllocLimitPct: 0,
    usrSpcAllocWarningPct: 0,
    usrSpcAllocLimitPct: 0,
    ...freshVolumeState(ctx.nowMs),
  };
  if (source.snapCPG !== undefined) snap.snapCPG = source.snapCPG;
  if (source.domain !== undefined) snap.domain = source.domain;
  if (input.comment !== undefined) snap.comment = input.comment;
  if (input.expirationMs !== undefined) snap.expirationMs = input.expirationMs;
  if (input.retentionMs !== undefined) snap.retentionMs = input.retentionMs;
  const d = insertVolume(array, snap);
  array.volumes[source.name]!.childIds.push(snap.id);
  return d;
}

/** POST /volumes/<name> {"action":"createSnapshot"}. */
export const createSnapshot =
  (input: { source: string } & SnapshotInput): Command<{ name: string }> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const draft = arrayOf(fabric, ctx);
    const array = snapshotOf<ArrayState>(draft);
    const source = getVolume(array, input.source);
    const { readOnly, life } = planSnapshot(array, source, input, ctx.nowMs);
    const resolvedId = claimVolumeId(array, input.id);
    takeSnapshot(draft, ctx, fabric, source, {
      ...input,
      resolvedId,
      readOnly,
      ...(life.expirationMs !== undefined ? { expirationMs: life.expirationMs } : {}),
      ...(life.retentionMs !== undefined ? { retentionMs: life.retentionMs } : {}),
    });
    return { name: input.name };
  };

/** Most recent read-only and read-write children, as the parent reports them (roChildId / rwChildId). */
export function latestChildren(array: ArrayState, v: Volume): { ro?: number; rw?: number } {
  const out: { ro?: number; rw?: number } = {};
  for (const id of v.childIds) {
    const c = volumeById(array, id);
    if (!c) continue;
    if (c.readOnly) out.ro = id;
    else out.rw = id;
  }
  return out;
}

/** Every volume of a family, base first, parents before children. */
export function familyOf(array: ArrayState, baseId: number): Volume[] {
  const out: Volume[] = [];
  const base = volumeById(array, baseId);
  if (!base) return out;
  const queue = [base];
  while (queue.length) {
    const v = queue.shift()!;
    out.push(v);
    for (const id of v.childIds) {
      const c = volumeById(array, id);
      if (c) queue.push(c);
    }
  }
  return out;
}
