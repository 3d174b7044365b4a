import type { Draft } from 'immer';
import { RC_MODE, RC_ROLE, RC_SYNC_STATUS, RC_TARGET_STATE } from '../../contracts/enums.ts';
import { fail } from './errors.ts';
import { arrayOf, requireRole, snapshotOf, type Command, type CommandContext } from './fabric.ts';
import { checkName } from './names.ts';
import { COPY_TYPE, PROVISIONING } from './space.ts';
import type { ArrayState, FabricState, RcGroup, RcGroupTarget, Volume } from './state.ts';
import { linkKey, linkUp, RcAdminError } from './rctarget.ts';
import { noteDue } from './task.ts';
import { baseVolume, claimVolumeId, getVolume, insertVolume, removeVolume, writeToVolume } from './volume.ts';

/**
 * Remote copy between arrays of the fabric. A group lives on its primary array and, under the name
 * `<name>.r<primary system id>`, on the target array; each side has its own role. Data is tracked as generations:
 * a host write makes a new one, replication copies it to the partner, so what a failover loses is measurable.
 */

type FabricDraft = Draft<FabricState>;

/** Remote-copy group names stay short enough for the partner to append `.r<system id>` (cinder keeps 22). */
const RC_GROUP_NAME_MAX = 22;
const SYNC_PERIOD = { MIN: 300, MAX: 31_622_400 };

export function getRcGroup(array: ArrayState, name: string): RcGroup {
  const g = array.rcGroups[name];
  if (!g) fail('NON_EXISTENT_RCOPY_GROUP');
  return g;
}

/** The partner side of a group: its array, the group there, and the target name each side uses for the other. */
function partner(fabric: FabricDraft, localKey: string, group: RcGroup) {
  const local = fabric.arrays[localKey]!;
  const targetName = group.targets[0]!.targetName;
  const target = local.rcTargets[targetName];
  if (!target) fail('RCOPY_GROUP_INV_TARGET');
  const peer = fabric.arrays[target.peer];
  if (!peer) fail('RCOPY_TARGET_IS_NOT_READY');
  const peerGroup = peer.rcGroups[group.remoteGroupName];
  const backTarget = Object.values(peer.rcTargets).find((t) => t.peer === localKey);
  return { peerKey: target.peer, peer, peerGroup, targetName, backTargetName: backTarget?.name, up: linkUp(fabric, localKey, target.peer) };
}

function requireLink(up: boolean): void {
  if (!up) fail('RCOPY_TARGET_IS_NOT_READY');
}

const isSourceRole = (role: number) => role === RC_ROLE.PRIMARY || role === RC_ROLE.PRIMARY_REV;

function checkLicence(array: ArrayState): void {
  if (!array.profile.licenseInfo.licenses.some((l) => l.name.includes('Remote Copy'))) fail('UNLICENSED_FEATURE');
}

function checkMode(mode: number): void {
  if (![RC_MODE.SYNC, RC_MODE.PERIODIC_LEGACY, RC_MODE.PERIODIC, RC_MODE.ASYNC].includes(mode as 1)) fail('INV_INPUT_BAD_ENUM_VALUE', { ref: 'mode' });
}

function checkSyncPeriod(p: number | undefined): void {
  if (p === undefined) return;
  if (p < SYNC_PERIOD.MIN) fail('INV_INPUT_BELOW_RANGE', { ref: 'syncPeriod' });
  if (p > SYNC_PERIOD.MAX) fail('INV_INPUT_EXCEEDS_RANGE', { ref: 'syncPeriod' });
}

const isPeriodic = (mode: number) => mode === RC_MODE.PERIODIC || mode === RC_MODE.PERIODIC_LEGACY;

function newTarget(targetName: string, mode: number, extra: Partial<RcGroupTarget> = {}): RcGroupTarget {
  return {
    targetName,
    mode,
    state: RC_TARGET_STATE.NEW,
    roleReversed: false,
    // A periodic group alerts on an overrun period unless told otherwise (`over_per_alert` is the array's default).
    policies: { autoRecover: false, overPeriodAlert: isPeriodic(mode), autoFailover: false, pathManagement: false },
    ...extra,
  };
}

export interface CreateRcGroupInput {
  name: string;
  targets: { targetName: string; mode: number; userCPG?: string; snapCPG?: string }[];
  localUserCPG?: string;
  localSnapCPG?: string;
  domain?: string;
}

/** POST /remotecopygroups: the group on this array (Primary) and its partner `<name>.r<id>` (Secondary). */
export const createRcGroup =
  (input: CreateRcGroupInput): Command<{ name: string }> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const draft = arrayOf(fabric, ctx);
    const array = snapshotOf<ArrayState>(draft);
    checkLicence(array);
    checkName(input.name, RC_GROUP_NAME_MAX, 'name');
    if (input.targets.length === 0) fail('INV_INPUT_MISSING_REQUIRED', { ref: 'targets' });
    if (new Set(input.targets.map((t) => t.targetName)).size !== input.targets.length) fail('RCOPY_GROUP_TARGET_NOT_UNIQUE');
    // One target per group here: multi-target topologies need three arrays (I).
    if (input.targets.length > 1) fail('RCOPY_GROUP_TOO_MANY_TARGETS');
    const t = input.targets[0]!;
    checkMode(t.mode);
    const target = array.rcTargets[t.targetName];
    if (!target) fail('RCOPY_GROUP_INV_TARGET');
    for (const cpg of [input.localUserCPG, input.localSnapCPG]) if (cpg !== undefined && !array.cpgs[cpg]) fail('NON_EXISTENT_CPG');
    if (input.domain !== undefined && !array.domains[input.domain]) fail('NON_EXISTENT_DOMAIN');
    if (array.rcGroups[input.name]) fail('EXISTENT_RCOPY_GROUP');
    const peer = snapshotOf<ArrayState>(fabric.arrays[target.peer]!);
    requireLink(linkUp(fabric, ctx.arrayKey, target.peer));
    for (const cpg of [t.userCPG, t.snapCPG]) if (cpg !== undefined && !peer.cpgs[cpg]) fail('NON_EXISTENT_CPG');
    const backTarget = Object.values(peer.rcTargets).find((x) => x.peer === ctx.arrayKey);
    if (!backTarget) fail('RCOPY_IS_NOT_READY');
    const remoteName = `${input.name}.r${array.profile.systemId}`;
    if (peer.rcGroups[remoteName]) fail('EXISTENT_RCOPY_GROUP');

    const id = Object.values(array.rcGroups).reduce((m, g) => Math.max(m, g.id), 0) + 1;
    draft.rcGroups[input.name] = {
      id,
      name: input.name,
      role: RC_ROLE.PRIMARY,
      remoteGroupName: remoteName,
      targets: [newTarget(t.targetName, t.mode, { ...(t.userCPG !== undefined ? { remoteUserCPG: t.userCPG } : {}), ...(t.snapCPG !== undefined ? { remoteSnapCPG: t.snapCPG } : {}) })],
      volumes: [],
      createdMs: ctx.nowMs,
      ...(input.domain !== undefined ? { domain: input.domain } : {}),
      ...(input.localUserCPG !== undefined ? { localUserCPG: input.localUserCPG } : {}),
      ...(input.localSnapCPG !== undefined ? { localSnapCPG: input.localSnapCPG } : {}),
    };
    const peerDraft = fabric.arrays[target.peer]!;
    const peerId = Object.values(peer.rcGroups).reduce((m, g) => Math.max(m, g.id), 0) + 1;
    peerDraft.rcGroups[remoteName] = {
      id: peerId,
      name: remoteName,
      role: RC_ROLE.SECONDARY,
      remoteGroupName: input.name,
      targets: [
        newTarget(backTarget.name, t.mode, {
          ...(input.localUserCPG !== undefined ? { remoteUserCPG: input.localUserCPG } : {}),
          ...(input.localSnapCPG !== undefined ? { remoteSnapCPG: input.localSnapCPG } : {}),
        }),
      ],
      volumes: [],
      createdMs: ctx.nowMs,
      ...(t.userCPG !== undefined ? { localUserCPG: t.userCPG } : {}),
      ...(t.snapCPG !== undefined ? { localSnapCPG: t.snapCPG } : {}),
    };
    return { name: input.name };
  };

const started = (g: RcGroup) => g.targets.some((t) => t.state === RC_TARGET_STATE.STARTED);

/** Operations that change the group's configuration belong to the side that holds the data. */
function requirePrimarySide(array: ArrayState, g: RcGroup): void {
  if (isSourceRole(g.role)) return;
  // With configuration mirroring off (cinder does this to clean up after a failover) the secondary may act alone.
  const target = array.rcTargets[g.targets[0]?.targetName ?? ''];
  if (target && !target.policies.mirrorConfig) return;
  fail('RCOPY_GROUP_OPERATION_ONLY_ON_PRIMARY_SIDE');
}

/** A mirrored configuration change needs the partner reachable; with mirroring off each side changes alone. */
function requireMirrorReachable(fabric: FabricDraft, localKey: string, g: RcGroup): void {
  const target = fabric.arrays[localKey]!.rcTargets[g.targets[0]?.targetName ?? ''];
  if (target?.policies.mirrorConfig && !linkUp(fabric, localKey, target.peer)) fail('RCOPY_TARGET_IS_NOT_READY');
}

/** DELETE /remotecopygroups/<name>: a stopped group goes, with its partner when the link allows. */
export const removeRcGroup =
  (input: { name: string; keepSnap?: boolean }): Command<void> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const draft = arrayOf(fabric, ctx);
    const array = snapshotOf<ArrayState>(draft);
    const g = getRcGroup(array, input.name);
    if (started(g)) fail('RCOPY_GROUP_STARTED');
    const target = array.rcTargets[g.targets[0]?.targetName ?? ''];
    if ((g.role === RC_ROLE.PRIMARY_REV || g.role === RC_ROLE.SECONDARY_REV) && target?.policies.mirrorConfig) fail('RCOPY_GROUP_IN_FAILOVER_STATE');
    requirePrimarySide(array, g);
    requireMirrorReachable(fabric, ctx.arrayKey, g);
    const p = partner(fabric, ctx.arrayKey, g);
    for (const v of g.volumes) {
      const d = draft.volumes[v.localVolumeName];
      if (d) delete d.rcGroup;
    }
    delete draft.rcGroups[input.name];
    if (p.up && p.peerGroup && target?.policies.mirrorConfig !== false) {
      for (const v of p.peerGroup.volumes) {
        const d = p.peer.volumes[v.localVolumeName];
        if (d) {
          delete d.rcGroup;
          d.readOnly = false;
        }
      }
      delete p.peer.rcGroups[g.remoteGroupName];
    }
  };

export interface ModifyRcGroupInput {
  localUserCPG?: string;
  localSnapCPG?: string;
  unsetUserCPG?: boolean;
  unsetSnapCPG?: boolean;
  targets?: {
    targetName?: string;
    remoteUserCPG?: string;
    remoteSnapCPG?: string;
    syncPeriod?: number;
    rmSyncPeriod?: boolean;
    mode?: number;
    snapFrequency?: number;
    rmSnapFrequency?: boolean;
    policies?: Partial<RcGroupTarget['policies']> & { multiTargetPeerPersistence?: boolean };
  }[];
}

export const modifyRcGroup =
  (input: { name: string; changes: ModifyRcGroupInput }): Command<void> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const draft = arrayOf(fabric, ctx);
    const array = snapshotOf<ArrayState>(draft);
    const g = getRcGroup(array, input.name);
    requirePrimarySide(array, g);
    requireMirrorReachable(fabric, ctx.arrayKey, g);
    const ch = input.changes;
    if (ch.unsetUserCPG && ch.localUserCPG !== undefined) fail('INV_INPUT_PARAM_CONFLICT', { ref: 'unsetUserCPG' });
    if (ch.unsetSnapCPG && ch.localSnapCPG !== undefined) fail('INV_INPUT_PARAM_CONFLICT', { ref: 'unsetSnapCPG' });
    for (const cpg of [ch.localUserCPG, ch.localSnapCPG]) if (cpg !== undefined && !array.cpgs[cpg]) fail('NON_EXISTENT_CPG');
    const d = draft.rcGroups[input.name]!;
    for (const t of ch.targets ?? []) {
      // Cinder's Peer Persistence call names no target: with one target there is no doubt which.
      const idx = t.targetName === undefined && g.targets.length === 1 ? 0 : g.targets.findIndex((x) => x.targetName === t.targetName);
      if (idx < 0) fail('RCOPY_GROUP_INV_TARGET');
      const cur = g.targets[idx]!;
      if (t.mode !== undefined) {
        checkMode(t.mode);
        if (started(g) && t.mode !== cur.mode) fail('RCOPY_GROUP_STARTED');
      }
      const mode = t.mode ?? cur.mode;
      const periodic = isPeriodic(mode);
      if (t.rmSyncPeriod && t.syncPeriod !== undefined) fail('INV_INPUT_PARAM_CONFLICT', { ref: 'rmSyncPeriod' });
      // A live array refuses both in one target entry (two PUTs are needed).
      if (t.policies !== undefined && t.syncPeriod !== undefined) {
        fail('INV_INPUT_PARAM_CONFLICT', { desc: 'invalid input: parameters cannot be present at the same time - policies, syncPeriod' });
      }
      if (t.syncPeriod !== undefined) {
        if (!periodic) fail('RCOPY_GROUP_IS_NOT_PERIODIC');
        checkSyncPeriod(t.syncPeriod);
      }
      // Failover and path policies make sense for synchronous (Peer Persistence) groups only.
      if ((t.policies?.autoFailover || t.policies?.pathManagement) && mode !== RC_MODE.SYNC) fail('RCOPY_GROUP_INV_POLICY_FOR_PERIODIC_GROUP');
      const peerArr = fabric.arrays[array.rcTargets[cur.targetName]?.peer ?? ''];
      for (const cpg of [t.remoteUserCPG, t.remoteSnapCPG]) if (cpg !== undefined && peerArr && !peerArr.cpgs[cpg]) fail('NON_EXISTENT_CPG');
      const dt = d.targets[idx]!;
      dt.mode = mode;
      if (t.syncPeriod !== undefined) dt.syncPeriod = t.syncPeriod;
      if (t.rmSyncPeriod) delete dt.syncPeriod;
      if (t.snapFrequency !== undefined) dt.snapFrequency = t.snapFrequency;
      if (t.rmSnapFrequency) delete dt.snapFrequency;
      if (t.remoteUserCPG !== undefined) dt.remoteUserCPG = t.remoteUserCPG;
      if (t.remoteSnapCPG !== undefined) dt.remoteSnapCPG = t.remoteSnapCPG;
      const { multiTargetPeerPersistence: _m, ...pol } = t.policies ?? {};
      dt.policies = { ...dt.policies, ...pol };
      if (dt.state === RC_TARGET_STATE.STARTED && dt.syncPeriod !== undefined) noteDue(draft, (dt.lastSyncMs ?? ctx.nowMs) + dt.syncPeriod * 1000);
      // Configuration mirrors to the partner group.
      const p = partner(fabric, ctx.arrayKey, g);
      const pt = p.peerGroup?.targets[0];
      if (p.up && pt) {
        pt.mode = dt.mode;
        if (dt.syncPeriod !== undefined) pt.syncPeriod = dt.syncPeriod;
        else delete pt.syncPeriod;
        pt.policies = { ...dt.policies };
      }
    }
    if (ch.localUserCPG !== undefined) d.localUserCPG = ch.localUserCPG;
    if (ch.localSnapCPG !== undefined) d.localSnapCPG = ch.localSnapCPG;
    if (ch.unsetUserCPG) delete d.localUserCPG;
    if (ch.unsetSnapCPG) delete d.localSnapCPG;
  };

export interface AdmitInput {
  group: string;
  volumeName: string;
  targets: { targetName: string; secVolumeName: string }[];
  snapshotName?: string;
  volumeAutoCreation?: boolean;
  skipInitialSync?: boolean;
  differentSecondaryWWN?: boolean;
}

/** Admit a volume: its secondary must exist with the same size, or volumeAutoCreation makes it on the target. */
export const admitVolume =
  (input: AdmitInput): Command<void> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const draft = arrayOf(fabric, ctx);
    const array = snapshotOf<ArrayState>(draft);
    const g = getRcGroup(array, input.group);
    requirePrimarySide(array, g);
    requireMirrorReachable(fabric, ctx.arrayKey, g);
    if (started(g)) fail('RCOPY_GROUP_STARTED');
    const v = getVolume(array, input.volumeName);
    if (g.volumes.some((x) => x.localVolumeName === v.name)) fail('RCOPY_GROUP_EXISTENT_VOL');
    if (v.rcGroup !== undefined) fail('RCOPY_GROUP_VOL_IN_OTHER_GROUP');
    if (v.copyType === COPY_TYPE.PHYSICAL_COPY && v.physParentId !== undefined) fail('RCOPY_GROUP_VOL_IS_PHYSICAL_COPY');
    if (v.readOnly) fail('RCOPY_GROUP_VOL_IS_RO');
    // Replication keeps resync snapshots of both volumes, so both need snapshot space.
    if (v.snapCPG === undefined) fail('RCOPY_GROUP_VOL_NO_SNAPSHOT_SPACE');
    if (input.snapshotName !== undefined) {
      // The starting point of the initial sync: a read-only snapshot of this very volume.
      const snap = array.volumes[input.snapshotName];
      if (!snap || snap.copyType !== COPY_TYPE.VIRTUAL_COPY) fail('NON_EXISTENT_SNAPSHOT');
      if (!snap.readOnly) fail('RCOPY_GROUP_SNAPSHOT_IS_RW');
      if (snap.baseId !== v.id) fail('RCOPY_GROUPSNAPSHOT_PARENT_MISMATCH');
    }
    if (v.domain !== g.domain && g.domain !== undefined) fail('RCOPY_GROUP_VOL_NOT_IN_SAME_DOMAIN');
    if (input.targets.length !== g.targets.length) fail('RCOPY_GROUP_INV_TARGET_NUMBER');
    const t = input.targets[0]!;
    if (t.targetName !== g.targets[0]!.targetName) fail('RCOPY_GROUP_INV_TARGET');
    checkName(t.secVolumeName, 31, 'secVolumeName');
    const p = partner(fabric, ctx.arrayKey, g);
    requireLink(p.up);
    const peer = snapshotOf<ArrayState>(p.peer);
    const existing = peer.volumes[t.secVolumeName];
    let sec: Volume;
    if (input.volumeAutoCreation) {
      if (existing) fail('RCOPY_GROUP_EXISTENT_VOL_ON_TARGET');
      const userCPG = g.targets[0]!.remoteUserCPG;
      if (userCPG === undefined) fail('RCOPY_GROUP_HAS_NO_CPG');
      const id = claimVolumeId(peer, undefined);
      sec = baseVolume(ctx, {
        array: peer,
        fabric,
        id,
        name: t.secVolumeName,
        sizeMiB: v.sizeMiB,
        provisioningType: v.provisioningType === PROVISIONING.SNP ? PROVISIONING.TPVV : v.provisioningType,
        compression: v.compression,
        userCPG,
        // Without a remote snapshot CPG the secondary takes its snapshot space from the user CPG (I).
        snapCPG: g.targets[0]!.remoteSnapCPG ?? userCPG,
        ...(peer.cpgs[userCPG]?.domain !== undefined ? { domain: peer.cpgs[userCPG]!.domain! } : {}),
        policies: { ...v.policies },
        alerts: {},
      });
      insertVolume(p.peer, sec);
      const counts = p.peer.cpgs[userCPG]!.counts;
      if (sec.provisioningType === PROVISIONING.FULL) counts.fpvv += 1;
      else if (sec.provisioningType === PROVISIONING.TPVV) counts.tpvv += 1;
      else counts.tdvv += 1;
    } else {
      if (!existing) fail('RCOPY_GROUP_NON_EXISTENT_VOL_ON_TARGET');
      if (existing.sizeMiB !== v.sizeMiB) fail('RCOPY_GROUP_VOL_SIZE_NOT_MATCH');
      if (existing.exports > 0) fail('RCOPY_GROUP_TARGET_VOL_EXPORTED');
      if (existing.rcGroup !== undefined) fail('RCOPY_GROUP_VOL_IN_OTHER_GROUP');
      if (existing.readOnly) fail('RCOPY_GROUP_TARGET_VOL_IS_RO');
      if (existing.snapCPG === undefined) fail('RCOPY_GROUP_TARGET_VOL_NO_SNAPSHOT_SPACE');
      sec = existing;
    }
    const syncStatus = input.skipInitialSync ? RC_SYNC_STATUS.SYNCED : RC_SYNC_STATUS.NEW;
    const generation = input.skipInitialSync ? (v.generation ?? 0) : 0;
    draft.rcGroups[g.name]!.volumes.push({
      localVolumeName: v.name,
      remoteVolumes: [{ targetName: t.targetName, remoteVolumeName: sec.name, remoteVolumeID: sec.id, syncStatus, syncedGeneration: generation }],
    });
    draft.volumes[v.name]!.rcGroup = g.name;
    const pd = p.peer.volumes[sec.name]!;
    pd.rcGroup = g.remoteGroupName;
    pd.readOnly = true;
    if (input.skipInitialSync) pd.generation = v.generation ?? 0;
    p.peerGroup?.volumes.push({
      localVolumeName: sec.name,
      remoteVolumes: [{ targetName: p.backTargetName ?? '', remoteVolumeName: v.name, remoteVolumeID: v.id, syncStatus, syncedGeneration: generation }],
    });
  };

/** Dismiss a volume (PUT action 2, or DELETE …/volumes/<v>): optionally with its secondary volume. */
export const dismissVolume =
  (input: { group: string; volumeName: string; keepSnap?: boolean; removeSecondaryVolume?: boolean }): Command<void> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const draft = arrayOf(fabric, ctx);
    const array = snapshotOf<ArrayState>(draft);
    const g = getRcGroup(array, input.group);
    if (input.keepSnap && input.removeSecondaryVolume) fail('INV_INPUT_PARAM_CONFLICT');
    requirePrimarySide(array, g);
    requireMirrorReachable(fabric, ctx.arrayKey, g);
    if (started(g)) fail('RCOPY_GROUP_STARTED');
    getVolume(array, input.volumeName);
    const entry = g.volumes.find((x) => x.localVolumeName === input.volumeName);
    if (!entry) fail('RCOPY_GROUP_VOL_NOT_IN_GROUP');
    const d = draft.rcGroups[g.name]!;
    d.volumes = d.volumes.filter((x) => x.localVolumeName !== input.volumeName);
    const lv = draft.volumes[input.volumeName]!;
    delete lv.rcGroup;
    lv.readOnly = false;
    const p = partner(fabric, ctx.arrayKey, g);
    const secName = entry.remoteVolumes[0]?.remoteVolumeName;
    if (p.up && p.peerGroup && secName !== undefined) {
      p.peerGroup.volumes = p.peerGroup.volumes.filter((x) => x.localVolumeName !== secName);
      const sv = p.peer.volumes[secName];
      if (sv) {
        delete sv.rcGroup;
        sv.readOnly = false;
        if (input.removeSecondaryVolume) {
          const peerCtx: CommandContext = { ...ctx, arrayKey: p.peerKey };
          removeSecondary(fabric, peerCtx, secName);
        }
      }
    }
  };

function removeSecondary(fabric: FabricDraft, ctx: CommandContext, name: string): void {
  const peer = fabric.arrays[ctx.arrayKey]!;
  const v = peer.volumes[name];
  if (!v) return;
  if (v.childIds.length > 0 || v.exports > 0 || v.sets.length > 0) fail('IN_USE');
  removeVolume(peer, name);
}

/** Copy the source side's generations to the partner now (link up, group started). */
function ship(fabric: FabricDraft, sourceKey: string, g: Draft<RcGroup>, nowMs: number, only?: string): void {
  const src = fabric.arrays[sourceKey]!;
  const p = partner(fabric, sourceKey, g as RcGroup);
  if (!p.up) return;
  for (const v of g.volumes) {
    if (only !== undefined && v.localVolumeName !== only) continue;
    const lv = src.volumes[v.localVolumeName];
    const rv = v.remoteVolumes[0];
    if (!lv || !rv) continue;
    const gen = lv.generation ?? 0;
    const sv = p.peer.volumes[rv.remoteVolumeName];
    if (sv) sv.generation = gen;
    rv.syncedGeneration = gen;
    rv.syncStatus = RC_SYNC_STATUS.SYNCED;
    rv.lastSyncMs = nowMs;
    const back = p.peerGroup?.volumes.find((x) => x.localVolumeName === rv.remoteVolumeName)?.remoteVolumes[0];
    if (back) {
      back.syncedGeneration = gen;
      back.syncStatus = RC_SYNC_STATUS.SYNCED;
      back.lastSyncMs = nowMs;
    }
  }
  if (only === undefined) {
    g.targets[0]!.lastSyncMs = nowMs;
    const pt = p.peerGroup?.targets[0];
    if (pt) pt.lastSyncMs = nowMs;
  }
}

function setState(fabric: FabricDraft, localKey: string, g: Draft<RcGroup>, state: number): void {
  for (const t of g.targets) t.state = state;
  const p = partner(fabric, localKey, g as RcGroup);
  if (p.up && p.peerGroup) for (const t of p.peerGroup.targets) t.state = state;
}

function scheduleNextSync(array: Draft<ArrayState>, g: Draft<RcGroup>, nowMs: number): void {
  const t = g.targets[0]!;
  if (t.state === RC_TARGET_STATE.STARTED && t.syncPeriod !== undefined && t.mode !== RC_MODE.SYNC) noteDue(array, (t.lastSyncMs ?? nowMs) + t.syncPeriod * 1000);
}

/** Start, stop and sync act on the side that holds the data, for the group's own target. */
function sourceGroup(fabric: FabricDraft, ctx: CommandContext, input: { name: string; targetName?: string }) {
  requireRole(ctx, 'edit');
  const draft = arrayOf(fabric, ctx);
  const array = snapshotOf<ArrayState>(draft);
  const g = getRcGroup(array, input.name);
  if (input.targetName !== undefined && !g.targets.some((t) => t.targetName === input.targetName)) fail('RCOPY_GROUP_INV_TARGET');
  if (!isSourceRole(g.role)) fail('RCOPY_GROUP_OPERATION_ONLY_ON_PRIMARY_SIDE');
  return { draft, array, g };
}

/** PUT action 3: start replicating; the initial synchronization copies every volume (unless skipped). */
export const startRc =
  (input: { name: string; skipInitialSync?: boolean; targetName?: string }): Command<void> =>
  (fabric, ctx) => {
    const { draft, array, g } = sourceGroup(fabric, ctx, input);
    if (started(g)) fail('RCOPY_GROUP_STARTED');
    if (g.volumes.length === 0) fail('RCOPY_GROUP_EMPTY');
    const p = partner(fabric, ctx.arrayKey, g);
    requireLink(p.up);
    if (p.peerGroup && isSourceRole(p.peerGroup.role)) fail('RCOPY_GROUP_IN_FAILOVER_STATE');
    // One mode per target among started groups (a live array accepts the group, then refuses its start).
    const mine = g.targets[0]!;
    const clash = Object.values(array.rcGroups).some(
      (o) => o.name !== g.name && o.targets.some((t) => t.targetName === mine.targetName && t.state === RC_TARGET_STATE.STARTED && isPeriodic(t.mode) !== isPeriodic(mine.mode)),
    );
    if (clash) fail('RCOPY_GROUP_MIXED_MODES_ON_ONE_TARGET');
    const d = draft.rcGroups[g.name]!;
    setState(fabric, ctx.arrayKey, d, RC_TARGET_STATE.STARTED);
    for (const t of d.targets) delete t.restartOnLink;
    if (!input.skipInitialSync) ship(fabric, ctx.arrayKey, d, ctx.nowMs);
    scheduleNextSync(draft, d, ctx.nowMs);
  };

/** PUT action 4: stop replicating (both sides). */
export const stopRc =
  (input: { name: string; noSnapshot?: boolean; targetName?: string }): Command<void> =>
  (fabric, ctx) => {
    const { draft, array, g } = sourceGroup(fabric, ctx, input);
    // Stopping a stopped group is not an error (python-3parclient documents none; cinder stops before deleting).
    if (!started(g)) return;
    const d = draft.rcGroups[g.name]!;
    setState(fabric, ctx.arrayKey, d, RC_TARGET_STATE.STOPPED);
    for (const t of d.targets) delete t.restartOnLink;
  };

/** PUT action 5: synchronize now (periodic groups ship a point in time; sync groups are already current). */
export const syncRc =
  (input: { name: string; targetName?: string; noResyncSnapshot?: boolean; fullSync?: boolean }): Command<void> =>
  (fabric, ctx) => {
    const { draft, array, g } = sourceGroup(fabric, ctx, input);
    if (!started(g)) fail('RCOPY_GROUP_NOT_STARTED');
    const p = partner(fabric, ctx.arrayKey, g);
    requireLink(p.up);
    if (p.peerGroup && isSourceRole(p.peerGroup.role)) fail('RCOPY_GROUP_IN_FAILOVER_STATE');
    const d = draft.rcGroups[g.name]!;
    ship(fabric, ctx.arrayKey, d, ctx.nowMs);
    scheduleNextSync(draft, d, ctx.nowMs);
  };

/**
 * POST recovery actions. FAILOVER (7) on the secondary makes it Primary-Rev (both sides primary until recovery);
 * RECOVER (9) turns the old primary into Secondary-Rev and replicates back; RESTORE (10) returns to the natural
 * roles; REVERSE (6) and SWITCHOVER (8) swap roles as planned operations; OVERRIDE (11) clears nothing here.
 */
export const recoverRc =
  (input: { name: string; action: number; targetName?: string; skipStart?: boolean; skipSync?: boolean; discardNewData?: boolean; skipPromote?: boolean; noSnapshot?: boolean; stopGroups?: boolean; localGroupsDirection?: boolean }): Command<void> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const draft = arrayOf(fabric, ctx);
    const array = snapshotOf<ArrayState>(draft);
    if (![6, 7, 8, 9, 10, 11, 12].includes(input.action)) fail('INV_INPUT_BAD_ENUM_VALUE', { ref: 'action' });
    checkLicence(array);
    const g = getRcGroup(array, input.name);
    if (input.targetName !== undefined && !g.targets.some((t) => t.targetName === input.targetName)) fail('RCOPY_GROUP_INV_TARGET');
    const d = draft.rcGroups[g.name]!;
    const p = partner(fabric, ctx.arrayKey, g);
    const reversed = (grp: Draft<RcGroup> | undefined, value: boolean) => {
      if (grp) for (const t of grp.targets) t.roleReversed = value;
    };
    const secondaryVolumes = (arrKey: string, grp: Draft<RcGroup> | undefined, readOnly: boolean) => {
      if (!grp) return;
      for (const v of grp.volumes) {
        const vol = fabric.arrays[arrKey]!.volumes[v.localVolumeName];
        if (vol) vol.readOnly = readOnly;
      }
    };
    switch (input.action) {
      case 7: {
        // Failover happens where the data must be served now: on the secondary side.
        if (g.role === RC_ROLE.PRIMARY || g.role === RC_ROLE.PRIMARY_REV) fail('RCOPY_GROUP_OPERATION_ONLY_ON_SECONDARY_SIDE');
        if (g.role !== RC_ROLE.SECONDARY) fail('INV_OPERATION_RCOPY_GROUP_ROLE_CONFLICT');
        if (started(g)) fail('RCOPY_GROUP_NOT_STOPPED');
        d.role = RC_ROLE.PRIMARY_REV;
        for (const t of d.targets) delete t.restartOnLink;
        reversed(d, true);
        secondaryVolumes(ctx.arrayKey, d, false);
        return;
      }
      case 9: {
        if (g.role !== RC_ROLE.PRIMARY_REV) fail('INV_OPERATION_RCOPY_GROUP_ROLE_CONFLICT');
        requireLink(p.up);
        if (!p.peerGroup) fail('RCOPY_GROUP_TARGET_VOLUME_MISMATCH');
        p.peerGroup.role = RC_ROLE.SECONDARY_REV;
        reversed(p.peerGroup, true);
        secondaryVolumes(p.peerKey, p.peerGroup, true);
        if (!input.skipStart) {
          setState(fabric, ctx.arrayKey, d, RC_TARGET_STATE.STARTED);
          if (!input.skipSync) ship(fabric, ctx.arrayKey, d, ctx.nowMs);
        }
        return;
      }
      case 10: {
        // Back to the natural direction: from either side of a reversed pair (after a recover), or straight from a
        // failed-over secondary whose link is back (the recover happens on the way).
        const here = g.role;
        if (here !== RC_ROLE.PRIMARY_REV && here !== RC_ROLE.SECONDARY_REV) fail('INV_OPERATION_RCOPY_GROUP_ROLE_CONFLICT');
        requireLink(p.up);
        if (!p.peerGroup) fail('RCOPY_GROUP_TARGET_VOLUME_MISMATCH');
        const revPrimaryIsHere = here === RC_ROLE.PRIMARY_REV;
        const revPrimary = revPrimaryIsHere ? d : p.peerGroup;
        const revPrimaryKey = revPrimaryIsHere ? ctx.arrayKey : p.peerKey;
        const other = revPrimaryIsHere ? p.peerGroup : d;
        const otherKey = revPrimaryIsHere ? p.peerKey : ctx.arrayKey;
        // Bring the natural primary up to date with what was written during the failover, then swap back.
        ship(fabric, revPrimaryKey, revPrimary, ctx.nowMs);
        revPrimary.role = RC_ROLE.SECONDARY;
        other.role = RC_ROLE.PRIMARY;
        reversed(revPrimary, false);
        reversed(other, false);
        secondaryVolumes(revPrimaryKey, revPrimary, true);
        secondaryVolumes(otherKey, other, false);
        if (!input.skipStart) setState(fabric, otherKey, other, RC_TARGET_STATE.STARTED);
        return;
      }
      case 6:
      case 8: {
        if (g.role !== RC_ROLE.PRIMARY) fail('INV_OPERATION_RCOPY_GROUP_ROLE_CONFLICT');
        requireLink(p.up);
        if (!p.peerGroup) fail('RCOPY_GROUP_TARGET_VOLUME_MISMATCH');
        if (input.action === 8 && g.targets[0]!.mode !== RC_MODE.SYNC) fail('RCOPY_GROUP_MODE_NOT_SUPPORTED');
        if (input.action === 8 && !started(g)) fail('RCOPY_GROUP_NOT_STARTED');
        if (input.action === 6 && started(g)) fail('RCOPY_GROUP_NOT_STOPPED');
        ship(fabric, ctx.arrayKey, d, ctx.nowMs);
        d.role = RC_ROLE.SECONDARY_REV;
        p.peerGroup.role = RC_ROLE.PRIMARY_REV;
        reversed(d, true);
        reversed(p.peerGroup, true);
        secondaryVolumes(ctx.arrayKey, d, true);
        secondaryVolumes(p.peerKey, p.peerGroup, false);
        return;
      }
      default:
        return;
    }
  };

/** Control API: the link between two arrays goes down or comes back, and started groups react. */
export const setLink =
  (input: { arrays: [string, string]; up: boolean }): Command<void> =>
  (fabric, ctx) => {
    const key = linkKey(input.arrays[0], input.arrays[1]);
    const link = fabric.links?.[key];
    if (!link) fail('RCOPY_TARGET_IS_NOT_READY');
    if (link.up === input.up) return;
    if (!input.up) {
      // Replication stops on both sides; groups with autoRecover remember to restart.
      for (const arrKey of link.arrays) {
        for (const g of Object.values(fabric.arrays[arrKey]!.rcGroups)) {
          const target = fabric.arrays[arrKey]!.rcTargets[g.targets[0]?.targetName ?? ''];
          if (!target || !link.arrays.includes(target.peer)) continue;
          for (const t of g.targets) {
            if (t.state !== RC_TARGET_STATE.STARTED) continue;
            t.state = RC_TARGET_STATE.STOPPED;
            if (t.policies.autoRecover) t.restartOnLink = true;
          }
        }
      }
      link.up = false;
      return;
    }
    link.up = true;
    for (const arrKey of link.arrays) {
      for (const g of Object.values(fabric.arrays[arrKey]!.rcGroups)) {
        if (!g.targets.some((t) => t.restartOnLink) || !isSourceRole(g.role)) continue;
        // A failed-over pair (both sides primary) waits for an explicit recover; restarting would overwrite the
        // data the failover site wrote.
        const partnerRole = partner(fabric, arrKey, g as RcGroup).peerGroup?.role;
        if (partnerRole !== undefined && isSourceRole(partnerRole)) continue;
        for (const t of g.targets) {
          delete t.restartOnLink;
          t.state = RC_TARGET_STATE.STARTED;
        }
        const peerGroup = partner(fabric, arrKey, g as RcGroup).peerGroup;
        if (peerGroup) for (const t of peerGroup.targets) {
          delete t.restartOnLink;
          t.state = RC_TARGET_STATE.STARTED;
        }
        ship(fabric, arrKey, g, ctx.nowMs);
      }
    }
  };

/**
 * After a host write: a secondary refuses it, a started synchronous group mirrors it at once; anything else waits
 * for the next sync.
 */
export function afterHostWrite(fabric: FabricDraft, ctx: CommandContext, volumeName: string): void {
  const array = fabric.arrays[ctx.arrayKey]!;
  const v = array.volumes[volumeName];
  if (!v || v.rcGroup === undefined) return;
  const g = array.rcGroups[v.rcGroup];
  if (!g) return;
  const t = g.targets[0];
  if (t && t.mode === RC_MODE.SYNC && t.state === RC_TARGET_STATE.STARTED && isSourceRole(g.role)) ship(fabric, ctx.arrayKey, g, ctx.nowMs, volumeName);
  else {
    const rv = g.volumes.find((x) => x.localVolumeName === volumeName)?.remoteVolumes[0];
    if (rv && rv.syncedGeneration !== (v.generation ?? 0)) rv.syncStatus = t?.state === RC_TARGET_STATE.STARTED ? RC_SYNC_STATUS.SYNCING : RC_SYNC_STATUS.NOT_SYNCED;
  }
}

/** Periodic groups ship a point in time every syncPeriod of the virtual clock. */
export function runPeriodicSyncs(fabric: FabricDraft, ctx: CommandContext): number {
  const array = fabric.arrays[ctx.arrayKey]!;
  let next = Number.POSITIVE_INFINITY;
  for (const g of Object.values(array.rcGroups)) {
    const t = g.targets[0];
    if (!t || t.state !== RC_TARGET_STATE.STARTED || t.mode === RC_MODE.SYNC || t.syncPeriod === undefined || !isSourceRole(g.role)) continue;
    const due = (t.lastSyncMs ?? g.createdMs) + t.syncPeriod * 1000;
    if (due <= ctx.nowMs) {
      if (linkUp(fabric, ctx.arrayKey, array.rcTargets[t.targetName]?.peer ?? '')) ship(fabric, ctx.arrayKey, g, ctx.nowMs);
      next = Math.min(next, ctx.nowMs + t.syncPeriod * 1000);
    } else next = Math.min(next, due);
  }
  return next;
}

/** Control API host write, with replication: a secondary refuses it; a started sync group mirrors it at once. */
export const hostWrite =
  (input: { name: string; mib: number }): Command<{ writtenMiB: number; generation: number }> =>
  (fabric, ctx) => {
    const array = arrayOf(fabric, ctx);
    const v = getVolume(snapshotOf<ArrayState>(array), input.name);
    const g = v.rcGroup !== undefined ? array.rcGroups[v.rcGroup] : undefined;
    if (g && !isSourceRole(g.role)) fail('INV_OPERATION_VV_IN_REMOTE_COPY');
    const r = writeToVolume(input)(fabric, ctx);
    afterHostWrite(fabric, ctx, input.name);
    return { writtenMiB: r.writtenMiB, generation: array.volumes[input.name]!.generation ?? 0 };
  };

/**
 * `admitrcopytarget` / `dismissrcopytarget`: groups here have exactly one target (a third array would be needed for
 * more), so admitting another target or dismissing the only one is refused.
 */
export const admitRcTarget =
  (input: { target: string; group: string }): Command<void> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const array = snapshotOf<ArrayState>(arrayOf(fabric, ctx));
    const g = getRcGroup(array, input.group);
    if (!array.rcTargets[input.target]) throw new RcAdminError('no-target', input.target);
    if (g.targets.some((t) => t.targetName === input.target)) throw new RcAdminError('target-in-group', input.target);
    fail('RCOPY_GROUP_TOO_MANY_TARGETS');
  };

export const dismissRcTarget =
  (input: { target: string; group: string }): Command<void> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const array = snapshotOf<ArrayState>(arrayOf(fabric, ctx));
    const g = getRcGroup(array, input.group);
    if (!g.targets.some((t) => t.targetName === input.target)) throw new RcAdminError('target-not-in-group', input.target);
    throw new RcAdminError('last-target', input.target);
  };
