import { fail } from './errors.ts';
import { arrayOf, requireRole, snapshotOf, type Command } from './fabric.ts';
import { checkName } from './names.ts';
import { renameInTemplates } from './vlunkey.ts';
import { randomUuid } from './random.ts';
import type { ArrayState, Volume, VolumeSet } from './state.ts';
import { planSnapshot, takeSnapshot, type SnapshotInput } from './snapshot.ts';
import { createPhysicalCopy } from './copy.ts';
import { MAX_VOLUME_ID, busyKind, checkComment, checkNormal, claimVolumeId, getVolume } from './volume.ts';

/** Set names are Name27 (G131 p20, p89). */
const SET_NAME_MAX = 27;
export const SET_ACTION = { MEM_ADD: 1, MEM_REMOVE: 2, RESYNC_PHYSICAL_COPY: 3, STOP_PHYSICAL_COPY: 4, PROMOTE_VIRTUAL_COPY: 5, STOP_PROMOTE_VIRTUAL_COPY: 6 } as const;

export function getVolumeSet(array: ArrayState, name: string): VolumeSet {
  const s = array.volumeSets[name];
  if (!s) fail('NON_EXISTENT_SET');
  return s;
}

function checkMembers(array: ArrayState, members: string[], domain: string | undefined): Volume[] {
  const seen = new Set<string>();
  const out: Volume[] = [];
  for (const m of members) {
    if (seen.has(m)) fail('INV_INPUT_DUP_NAME', { ref: 'setmembers' });
    seen.add(m);
    const v = getVolume(array, m);
    if (v.domain !== domain) fail('MEMBER_NOT_IN_SAME_DOMAIN');
    out.push(v);
  }
  return out;
}

export const createVolumeSet =
  (input: { name: string; domain?: string; comment?: string; setmembers?: string[] }): Command<{ name: string }> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const draft = arrayOf(fabric, ctx);
    const array = snapshotOf<ArrayState>(draft);
    checkName(input.name, SET_NAME_MAX, 'name');
    if (input.comment !== undefined) checkComment(input.comment, 255, 'comment');
    if (input.domain !== undefined) {
      checkName(input.domain, 31, 'domain');
      if (!array.domains[input.domain]) fail('NON_EXISTENT_DOMAIN');
    }
    if (array.volumeSets[input.name]) fail('EXISTENT_SET');
    // Without a domain of its own the set takes its members' domain.
    const members = input.setmembers ?? [];
    const domain = input.domain ?? (members[0] !== undefined ? array.volumes[members[0]]?.domain : undefined);
    checkMembers(array, members, domain);
    let id = 1;
    while (array.volumeSetIds[id] !== undefined) id++;
    const set: VolumeSet = {
      id,
      name: input.name,
      uuid: randomUuid(fabric),
      members: [...members],
      qosEnabled: false,
      ...(domain !== undefined ? { domain } : {}),
      ...(input.comment !== undefined ? { comment: input.comment } : {}),
    };
    draft.volumeSets[input.name] = set;
    draft.volumeSetIds[id] = input.name;
    for (const m of members) draft.volumes[m]!.sets.push(input.name);
    return { name: input.name };
  };

export interface ModifyVolumeSetInput {
  action?: number;
  setmembers?: string[];
  newName?: string;
  comment?: string;
  flashCachePolicy?: number;
}

export const modifyVolumeSet =
  (input: { name: string; changes: ModifyVolumeSetInput }): Command<{ name: string }> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const draft = arrayOf(fabric, ctx);
    const array = snapshotOf<ArrayState>(draft);
    const ch = input.changes;
    const set = getVolumeSet(array, input.name);
    // A member action goes alone; rename/comment/policy go without one (PYT_HS test_modify_param_conflict).
    if (ch.action !== undefined && (ch.newName !== undefined || ch.comment !== undefined || ch.flashCachePolicy !== undefined)) {
      fail('INV_INPUT_PARAM_CONFLICT');
    }
    if (ch.action === undefined && ch.setmembers !== undefined) fail('INV_INPUT_MISSING_REQUIRED', { ref: 'action' });
    if (ch.action !== undefined && ![1, 2, 3, 4, 5, 6].includes(ch.action)) fail('INV_INPUT_BAD_ENUM_VALUE', { ref: 'action' });
    if (ch.action !== undefined && ch.action > 2) fail('UNSUP_OP');
    if (ch.flashCachePolicy !== undefined && ![1, 2].includes(ch.flashCachePolicy)) fail('INV_INPUT_BAD_ENUM_VALUE', { ref: 'flashCachePolicy' });
    if (ch.newName !== undefined) checkName(ch.newName, SET_NAME_MAX, 'newName');
    if (ch.comment !== undefined) checkComment(ch.comment, 255, 'comment');
    const d = draft.volumeSets[input.name]!;
    if (ch.action === SET_ACTION.MEM_ADD || ch.action === SET_ACTION.MEM_REMOVE) {
      if (!ch.setmembers || ch.setmembers.length === 0) fail('INV_INPUT_MISSING_REQUIRED', { ref: 'setmembers' });
      if (ch.action === SET_ACTION.MEM_ADD) {
        checkMembers(array, ch.setmembers, set.domain);
        for (const m of ch.setmembers) if (set.members.includes(m)) fail('MEMBER_IN_SET');
        for (const m of ch.setmembers) {
          d.members.push(m);
          draft.volumes[m]!.sets.push(set.name);
        }
      } else {
        for (const m of ch.setmembers) {
          getVolume(array, m);
          if (!set.members.includes(m)) fail('MEMBER_NOT_IN_SET');
        }
        d.members = d.members.filter((m) => !ch.setmembers!.includes(m));
        for (const m of ch.setmembers) {
          const v = draft.volumes[m]!;
          v.sets = v.sets.filter((s) => s !== set.name);
        }
      }
    }
    if (ch.comment !== undefined) d.comment = ch.comment;
    if (ch.flashCachePolicy !== undefined) d.flashCachePolicy = ch.flashCachePolicy;
    if (ch.newName !== undefined && ch.newName !== input.name) {
      if (array.volumeSets[ch.newName]) fail('EXISTENT_SET');
      d.name = ch.newName;
      draft.volumeSets[ch.newName] = d;
      delete draft.volumeSets[input.name];
      draft.volumeSetIds[d.id] = ch.newName;
      for (const m of d.members) {
        const v = draft.volumes[m]!;
        v.sets = v.sets.map((s) => (s === input.name ? ch.newName! : s));
      }
      renameInTemplates(draft, 'volumeName', `set:${input.name}`, `set:${ch.newName}`);
      const rule = draft.qosRules[`vvset:${input.name}`];
      if (rule) {
        rule.name = ch.newName;
        draft.qosRules[`vvset:${ch.newName}`] = rule;
        delete draft.qosRules[`vvset:${input.name}`];
      }
      return { name: ch.newName };
    }
    return { name: input.name };
  };

export const deleteVolumeSet =
  (input: { name: string }): Command<void> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const draft = arrayOf(fabric, ctx);
    const set = getVolumeSet(snapshotOf<ArrayState>(draft), input.name);
    if (Object.values(draft.vluns).some((t) => t.volumeName === `set:${set.name}`)) fail('EXPORTED_VLUN');
    if (set.qosEnabled) fail('VVSET_QOS_TARGET');
    for (const m of set.members) {
      const v = draft.volumes[m];
      if (v) v.sets = v.sets.filter((s) => s !== input.name);
    }
    delete draft.volumeSetIds[set.id];
    delete draft.volumeSets[input.name];
  };

/**
 * VV name patterns of the CLI, as the WSAPI takes them for set snapshots: @vvname@, @vvid@, @count@ (member
 * position from 0), @y@ @m@ @d@ @H@ @M@ @S@ (the array's local time).
 */
export function expandPattern(pattern: string, member: Volume, index: number, local: { y: string; m: string; d: string; H: string; M: string; S: string }): string {
  return pattern
    .replaceAll('@vvname@', member.name)
    .replaceAll('@vvid@', String(member.id))
    .replaceAll('@count@', String(index))
    .replaceAll('@y@', local.y)
    .replaceAll('@m@', local.m)
    .replaceAll('@d@', local.d)
    .replaceAll('@H@', local.H)
    .replaceAll('@M@', local.M)
    .replaceAll('@S@', local.S);
}

/** POST /volumesets/<name> createSnapshot: one snapshot per member, all at the same point in time. */
export const createSnapshotOfVolumeSet =
  (input: { set: string } & SnapshotInput & { addToSet?: string }, local: { y: string; m: string; d: string; H: string; M: string; S: string }): Command<{ names: string[] }> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const draft = arrayOf(fabric, ctx);
    const array = snapshotOf<ArrayState>(draft);
    const set = getVolumeSet(array, input.set);
    if (set.members.length === 0) fail('EMPTY_SET');
    if (!/@[a-zA-Z]+@/.test(input.name) && set.members.length > 1) fail('INVALID_INPUT_VV_PATTERN', { ref: 'name' });
    const members = set.members.map((m) => getVolume(array, m));
    // One point in time across like volumes: all bases or all snapshots, each from its own family.
    const kinds = new Set(members.map((m) => m.copyType === 3));
    if (kinds.size > 1) fail('INV_OPERATION_SNAPSHOT_NOT_SAME_TYPE');
    if (new Set(members.map((m) => m.baseId)).size < members.length) fail('INV_OPERATION_VV_SNAP_PARENT_SAME_BASE');
    for (const m of members) {
      checkNormal(m);
      if (busyKind(array, m) === 'tune') fail('INV_OPERATION_VV_VOLUME_CONV_IN_PROGRESS');
    }
    const names = members.map((m, i) => expandPattern(input.name, m, i, local));
    const taken = new Set<string>();
    const plans = members.map((m, i) => {
      const plan = planSnapshot(array, m, { ...input, name: names[i]! }, ctx.nowMs, taken);
      taken.add(names[i]!);
      return plan;
    });
    // A given id numbers the first snapshot; the others follow it. Otherwise each takes the lowest free id.
    const ids: number[] = [];
    const used = new Set<number>();
    for (let i = 0; i < members.length; i++) {
      let id: number;
      if (input.id !== undefined) id = claimVolumeId(array, input.id + i);
      else {
        id = 1;
        while (array.volumeIds[id] !== undefined || used.has(id)) id++;
        if (id > MAX_VOLUME_ID) fail('VV_ID_LIMIT_REACHED');
      }
      used.add(id);
      ids.push(id);
    }
    members.forEach((m, i) => {
      const p = plans[i]!;
      takeSnapshot(draft, ctx, fabric, m, {
        ...input,
        name: names[i]!,
        resolvedId: ids[i]!,
        readOnly: p.readOnly,
        ...(p.life.expirationMs !== undefined ? { expirationMs: p.life.expirationMs } : {}),
        ...(p.life.retentionMs !== undefined ? { retentionMs: p.life.retentionMs } : {}),
      });
    });
    if (input.addToSet !== undefined) {
      checkName(input.addToSet, SET_NAME_MAX, 'addToSet');
      if (!snapshotOf<ArrayState>(draft).volumeSets[input.addToSet]) {
        createVolumeSet({ name: input.addToSet, setmembers: names })(fabric, ctx);
      } else {
        modifyVolumeSet({ name: input.addToSet, changes: { action: SET_ACTION.MEM_ADD, setmembers: names } })(fabric, ctx);
      }
    }
    return { names };
  };

/**
 * POST /volumesets/<name> createPhysicalCopy: an offline copy of every member into the member at the same place
 * in the destination set. Sets must match in size, member by member (SET_SIZE_NOT_SAME); all copies start or none.
 */
export const createPhysicalCopyOfVolumeSet =
  (input: { set: string; destVolume: string; saveSnapshot?: boolean; priority?: number }): Command<{ parent: string; child: string; taskid: number }[]> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const draft = arrayOf(fabric, ctx);
    const array = snapshotOf<ArrayState>(draft);
    const src = getVolumeSet(array, input.set);
    const dst = getVolumeSet(array, input.destVolume);
    if (src.members.length === 0) fail('EMPTY_SET');
    if (src.members.length !== dst.members.length) fail('SET_SIZE_NOT_SAME');
    src.members.forEach((m, i) => {
      if (getVolume(array, m).sizeMiB > getVolume(array, dst.members[i]!).sizeMiB) fail('SET_SIZE_NOT_SAME');
    });
    return src.members.map((parent, i) => {
      const child = dst.members[i]!;
      const { taskid } = createPhysicalCopy({
        source: parent,
        destVolume: child,
        ...(input.saveSnapshot !== undefined ? { saveSnapshot: input.saveSnapshot } : {}),
        ...(input.priority !== undefined ? { priority: input.priority } : {}),
      })(fabric, ctx);
      return { parent, child, taskid };
    });
  };
