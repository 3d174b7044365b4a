import type { Draft } from 'immer';
import { fail } from './errors.ts';
import { arrayOf, requireRole, snapshotOf, type Command, type CommandContext } from './fabric.ts';
import { checkName } from './names.ts';
import { randomUuid } from './random.ts';
import { COPY_TYPE, PROVISIONING, setVolumeCpgs, setVolumeSpace, targetSpace, zeroSpace } from './space.ts';
import type { ArrayState, Volume, VolumePolicies } from './state.ts';
import { noteDue } from './task.ts';
import { renameInTemplates } from './vlunkey.ts';

export const MAX_VOLUME_ID = 65535;
/** VV sizes are whole multiples of this on create (G12 p41). */
export const VOLUME_SIZE_UNIT_MiB = 256;
/** 16 TiB: the limit before 3.3.1 (G131 p56) and for dedup/compressed volumes on 3.3.1 (readOnlyParameters). */
const LEGACY_MAX_SIZE_MiB = 16 * 1024 * 1024;
export const HOURS_MAX = 43800;

/** `60002AC` + 9 zeros + 8-hex volume id + 8-hex system id: the pattern of every recorded volume WWN. */
export function volumeWwn(systemId: number, id: number): string {
  return `60002AC000000000${id.toString(16).toUpperCase().padStart(8, '0')}${systemId.toString(16).toUpperCase().padStart(8, '0')}`;
}

export function maxVolumeSizeMiB(array: ArrayState, dedupOrCompressed: boolean): number {
  const ro = array.profile.readOnlyParameters;
  if (dedupOrCompressed) return ro?.['maxDedupVolumeSizeMiB'] ?? LEGACY_MAX_SIZE_MiB;
  return ro?.['maxVolumeSizeMiB'] ?? LEGACY_MAX_SIZE_MiB;
}

export function getVolume(array: ArrayState, name: string): Volume {
  const v = array.volumes[name];
  if (!v) fail('NON_EXISTENT_VOL');
  return v;
}

export function volumeById(array: ArrayState, id: number | undefined): Volume | undefined {
  if (id === undefined) return undefined;
  const name = array.volumeIds[id];
  return name === undefined ? undefined : array.volumes[name];
}

/** What an active task is doing to this volume, if anything. */
export function busyKind(array: ArrayState, v: Volume): 'promote' | 'physicalCopy' | 'resync' | 'tune' | 'hold' | undefined {
  if (v.busyTaskId === undefined) return undefined;
  const t = array.tasks[v.busyTaskId];
  return t && t.status === 2 ? t.effect.kind : undefined;
}

/** Is this volume the source an active physical copy is reading from? */
export function isCopySource(array: ArrayState, name: string): boolean {
  return Object.values(array.tasks).some((t) => t.status === 2 && t.effect.kind === 'physicalCopy' && t.effect.source === name);
}

/** A volume that failed (e.g. a failed copy) refuses work until it is repaired or removed. */
export function checkNormal(v: Volume): void {
  if (v.failedStates && v.failedStates.length > 0) fail('INV_OPERATION_VV_NOT_IN_NORMAL_STATE');
}

export function isThin(v: Pick<Volume, 'provisioningType'>): boolean {
  return v.provisioningType === PROVISIONING.TPVV || v.provisioningType === PROVISIONING.TDVV;
}

function lowestFreeVolumeId(array: ArrayState): number {
  let id = 1;
  while (array.volumeIds[id] !== undefined) id++;
  if (id > MAX_VOLUME_ID) fail('VV_ID_LIMIT_REACHED');
  return id;
}

/** Pick or check a volume id: unique across base volumes and snapshots. */
export function claimVolumeId(array: ArrayState, requested: number | undefined): number {
  if (requested === undefined) return lowestFreeVolumeId(array);
  if (requested < 0 || requested > MAX_VOLUME_ID) fail('INV_INPUT_EXCEEDS_RANGE', { ref: 'id' });
  if (array.volumeIds[requested] !== undefined) fail('EXISTENT_ID');
  return requested;
}

/** print511 and friends: printable characters, bounded length. */
export function checkComment(value: string, max: number, ref: string): void {
  if (value.length > max) fail('INV_INPUT_EXCEEDS_LENGTH', { ref });
  if (/[\u0000-\u001f\u007f]/.test(value)) fail('INV_INPUT_ILLEGAL_CHAR', { ref });
}

export function checkHours(value: number | undefined, ref: string): void {
  if (value === undefined) return;
  if (value < 1) fail('INV_INPUT_BELOW_RANGE', { ref });
  if (value > HOURS_MAX) fail('INV_INPUT_EXCEEDS_RANGE', { ref });
}

/** expiration / retention as absolute times, with the array's rules between them. */
export function lifetimes(array: ArrayState, nowMs: number, expirationHours: number | undefined, retentionHours: number | undefined) {
  checkHours(expirationHours, 'expirationHours');
  checkHours(retentionHours, 'retentionHours');
  if (expirationHours !== undefined && retentionHours !== undefined && retentionHours > expirationHours) {
    fail('INV_INPUT_RETAIN_GT_EXPIRE', { ref: 'retentionHours' });
  }
  const maxRetentionSec = Number(array.profile.parameters['VVRetentionTimeMax'] ?? 1209600);
  if (retentionHours !== undefined && retentionHours * 3600 > maxRetentionSec) fail('INV_INPUT_EXCEEDS_RANGE', { ref: 'retentionHours' });
  return {
    expirationMs: expirationHours === undefined ? undefined : nowMs + expirationHours * 3_600_000,
    retentionMs: retentionHours === undefined ? undefined : nowMs + retentionHours * 3_600_000,
  };
}

function checkPct(value: number | undefined, ref: string): void {
  if (value === undefined) return;
  if (value < 0) fail('INV_INPUT_BELOW_RANGE', { ref });
  if (value > 100) fail('INV_INPUT_EXCEEDS_RANGE', { ref });
}

export interface AllocationAlerts {
  ssSpcAllocWarningPct?: number;
  ssSpcAllocLimitPct?: number;
  usrSpcAllocWarningPct?: number;
  usrSpcAllocLimitPct?: number;
}

function checkAlerts(a: AllocationAlerts, thin: boolean): void {
  checkPct(a.ssSpcAllocWarningPct, 'ssSpcAllocWarningPct');
  checkPct(a.ssSpcAllocLimitPct, 'ssSpcAllocLimitPct');
  checkPct(a.usrSpcAllocWarningPct, 'usrSpcAllocWarningPct');
  checkPct(a.usrSpcAllocLimitPct, 'usrSpcAllocLimitPct');
  if (!thin && ((a.usrSpcAllocWarningPct ?? 0) > 0 || (a.usrSpcAllocLimitPct ?? 0) > 0)) fail('INV_INPUT_USR_ALRT_NON_TPVV');
  const pairs: [number | undefined, number | undefined, string][] = [
    [a.ssSpcAllocWarningPct, a.ssSpcAllocLimitPct, 'ssSpcAllocWarningPct'],
    [a.usrSpcAllocWarningPct, a.usrSpcAllocLimitPct, 'usrSpcAllocWarningPct'],
  ];
  for (const [w, l, ref] of pairs) if (w !== undefined && l !== undefined && l > 0 && w > l) fail('INV_INPUT_WARN_GT_LIMIT', { ref });
}

export const DEFAULT_POLICIES: VolumePolicies = { staleSS: true, oneHost: false, zeroDetect: false, system: false, caching: true, fsvc: false, hostDIF: 3 };

/** The policies a client may set; `system` and `caching` belong to the array. */
export function applyPolicies(current: VolumePolicies, given: Partial<VolumePolicies> | undefined, thin: boolean): VolumePolicies {
  if (!given) return current;
  if (given.system === true || given.caching === false) fail('INV_INPUT_VV_POLICY', { ref: given.system === true ? 'system' : 'caching' });
  if (given.hostDIF !== undefined && ![1, 2, 3].includes(given.hostDIF)) fail('INV_INPUT_BAD_ENUM_VALUE', { ref: 'hostDIF' });
  if (given.zeroDetect === true && !thin) fail('INV_OPERATION_VV_ZERO_DETECT_TPVV');
  return { ...current, ...given };
}

export interface CreateVolumeInput extends AllocationAlerts {
  name: string;
  cpg: string;
  sizeMiB: number;
  id?: number;
  comment?: string;
  policies?: Partial<VolumePolicies>;
  snapCPG?: string;
  tpvv?: boolean;
  tdvv?: boolean;
  reduce?: boolean;
  compression?: boolean;
  expirationHours?: number;
  retentionHours?: number;
}

/** WSAPI builds from this one on are Primera/Alletra ("Primera mode" in python-3parclient). */
export const PRIMERA_MIN_BUILD = 40000128;

function provisioningOf(array: ArrayState, input: Pick<CreateVolumeInput, 'tpvv' | 'tdvv' | 'reduce' | 'compression'>): { type: number; compression: boolean } {
  const primera = array.profile.wsapi.build >= PRIMERA_MIN_BUILD;
  if (primera) {
    if (input.tdvv !== undefined) fail('INV_INPUT', { ref: 'tdvv' });
    if (input.compression !== undefined) fail('INV_INPUT', { ref: 'compression' });
    if (input.reduce === true) return { type: PROVISIONING.TDVV, compression: true };
    if (input.tpvv === true) return { type: PROVISIONING.TPVV, compression: false };
    fail('INV_INPUT_ONE_REQUIRED', { ref: 'tpvv,reduce' });
  }
  if (input.reduce !== undefined) fail('INV_INPUT', { ref: 'reduce' });
  if (input.tpvv === true && input.tdvv === true) fail('INV_INPUT_PARAM_CONFLICT', { ref: 'tpvv,tdvv' });
  const compression = input.compression === true;
  if (compression) {
    // Compression arrived with WSAPI 1.6 (3.3.1) and needs its license and a thin volume.
    const w = array.profile.wsapi;
    if (w.major === 1 && w.minor < 6) fail('INV_INPUT', { ref: 'compression' });
    if (!array.profile.licenseInfo.licenses.some((l) => l.name.includes('Compression'))) fail('UNLICENSED_FEATURE', { ref: 'compression' });
    if (input.tpvv !== true && input.tdvv !== true) fail('INV_INPUT_PARAM_CONFLICT', { ref: 'compression' });
  }
  if (input.tdvv === true) return { type: PROVISIONING.TDVV, compression };
  if (input.tpvv === true) return { type: PROVISIONING.TPVV, compression };
  return { type: PROVISIONING.FULL, compression: false };
}

/** A volume in the fabric's indexes, its CPG references taken and its space charged. */
export function insertVolume(array: Draft<ArrayState>, volume: Volume): Draft<Volume> {
  array.volumes[volume.name] = volume as Draft<Volume>;
  array.volumeIds[volume.id] = volume.name;
  array.volumeWwns[volume.wwn] = volume.name;
  for (const n of [volume.userCPG, volume.snapCPG]) if (n && array.cpgs[n]) array.cpgs[n]!.references += 1;
  const draft = array.volumes[volume.name]!;
  if (volume.expirationMs !== undefined) noteDue(array, volume.expirationMs);
  const space = volume.space;
  draft.space = zeroSpace();
  setVolumeSpace(array, draft, space);
  return draft;
}

/** What every new volume starts with: no space, nothing written, no children, sets, exports or metadata. */
export function freshVolumeState(nowMs: number) {
  return { createdMs: nowMs, space: zeroSpace(), writtenMiB: 0, cowMiB: 0, childIds: [] as number[], sets: [] as string[], exports: 0, metadata: {} };
}

export function baseVolume(ctx: CommandContext, input: {
  array: ArrayState;
  fabric: Parameters<typeof randomUuid>[0];
  id: number;
  name: string;
  sizeMiB: number;
  provisioningType: number;
  compression: boolean;
  userCPG?: string;
  snapCPG?: string;
  domain?: string;
  comment?: string;
  policies: VolumePolicies;
  alerts: AllocationAlerts;
  expirationMs?: number;
  retentionMs?: number;
}): Volume {
  const v: Volume = {
    id: input.id,
    name: input.name,
    uuid: randomUuid(input.fabric),
    wwn: volumeWwn(input.array.profile.systemId, input.id),
    provisioningType: input.provisioningType,
    copyType: COPY_TYPE.BASE,
    baseId: input.id,
    readOnly: false,
    sizeMiB: input.sizeMiB,
    compression: input.compression,
    policies: input.policies,
    ssSpcAllocWarningPct: input.alerts.ssSpcAllocWarningPct ?? 0,
    ssSpcAllocLimitPct: input.alerts.ssSpcAllocLimitPct ?? 0,
    usrSpcAllocWarningPct: input.alerts.usrSpcAllocWarningPct ?? 0,
    usrSpcAllocLimitPct: input.alerts.usrSpcAllocLimitPct ?? 0,
    ...freshVolumeState(ctx.nowMs),
  };
  if (input.userCPG !== undefined) v.userCPG = input.userCPG;
  if (input.snapCPG !== undefined) v.snapCPG = input.snapCPG;
  if (input.domain !== undefined) v.domain = input.domain;
  if (input.comment !== undefined) v.comment = input.comment;
  if (input.expirationMs !== undefined) v.expirationMs = input.expirationMs;
  if (input.retentionMs !== undefined) v.retentionMs = input.retentionMs;
  v.space = targetSpace(v, 0);
  return v;
}

/** Round a requested size up to the create unit and check it against the array's maximum. */
export function roundedSize(array: ArrayState, sizeMiB: number, dedupOrCompressed: boolean, ref = 'sizeMiB'): number {
  if (sizeMiB < 1) fail('INV_INPUT_BELOW_RANGE', { ref });
  const size = Math.ceil(sizeMiB / VOLUME_SIZE_UNIT_MiB) * VOLUME_SIZE_UNIT_MiB;
  if (size > maxVolumeSizeMiB(array, dedupOrCompressed)) fail('TOO_LARGE', { ref });
  return size;
}

/** The snapshot CPG must exist and live in the volume's domain. */
export function checkCpgForVolume(array: ArrayState, name: string, domain: string | undefined): void {
  const cpg = array.cpgs[name];
  if (!cpg) fail('NON_EXISTENT_CPG');
  if (cpg.domain !== domain) fail('CPG_NOT_IN_SAME_DOMAIN');
}

export const createVolume =
  (input: CreateVolumeInput): Command<{ name: string }> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const draft = arrayOf(fabric, ctx);
    const array = snapshotOf<ArrayState>(draft);
    checkName(input.name, 31, 'name');
    if (input.comment !== undefined) checkComment(input.comment, 511, 'comment');
    const { type, compression } = provisioningOf(array, input);
    const thin = type !== PROVISIONING.FULL;
    const sizeMiB = roundedSize(array, input.sizeMiB, type === PROVISIONING.TDVV || compression);
    checkAlerts(input, thin);
    const life = lifetimes(array, ctx.nowMs, input.expirationHours, input.retentionHours);
    const policies = applyPolicies(DEFAULT_POLICIES, input.policies, thin);
    const cpg = array.cpgs[input.cpg];
    if (!cpg) fail('NON_EXISTENT_CPG');
    if (input.snapCPG !== undefined) checkCpgForVolume(array, input.snapCPG, cpg.domain);
    // Deduplication lives on flash only.
    if (type === PROVISIONING.TDVV && !cpg.layout.diskPatterns.some((p) => p.diskType === 3)) fail('INV_INPUT', { ref: 'tdvv' });
    if (array.volumes[input.name]) fail('EXISTENT_VOL');
    const id = claimVolumeId(array, input.id);
    const volume = baseVolume(ctx, {
      array,
      fabric,
      id,
      name: input.name,
      sizeMiB,
      provisioningType: type,
      compression,
      userCPG: input.cpg,
      ...(input.snapCPG !== undefined ? { snapCPG: input.snapCPG } : {}),
      ...(cpg.domain !== undefined ? { domain: cpg.domain } : {}),
      ...(input.comment !== undefined ? { comment: input.comment } : {}),
      policies,
      alerts: input,
      ...(life.expirationMs !== undefined ? { expirationMs: life.expirationMs } : {}),
      ...(life.retentionMs !== undefined ? { retentionMs: life.retentionMs } : {}),
    });
    insertVolume(draft, volume);
    const c = draft.cpgs[input.cpg]!;
    if (type === PROVISIONING.FULL) c.counts.fpvv += 1;
    else if (type === PROVISIONING.TPVV) c.counts.tpvv += 1;
    else c.counts.tdvv += 1;
    return { name: input.name };
  };

/** Why a volume cannot go away now, in the order the array checks (reference: semantics §5.3). */
function checkDeletable(array: ArrayState, v: Volume, nowMs: number): void {
  if (v.retentionMs !== undefined && nowMs < v.retentionMs) fail('RETAINED');
  if (v.childIds.length > 0) {
    const children = v.childIds.map((id) => volumeById(array, id)).filter((c): c is Volume => c !== undefined);
    if (children.some((c) => !c.readOnly)) fail('HAS_CHILD');
    fail('HAS_RO_CHILD');
  }
  // Still the destination (or source) of a running copy: the 409/151 cinder handles by stopping the copy.
  if (v.busyTaskId !== undefined) fail('INV_OPERATION_VV_ONLINE_COPY_IN_PROGRESS');
  // A replicated volume is dismissed from its remote-copy group first (cinder's order).
  if (v.rcGroup !== undefined) fail('INV_OPERATION_VV_IN_REMOTE_COPY');
  if (v.sets.length > 0 || v.exports > 0) fail('IN_USE');
}

/** Take a volume out of every index and give its space back. No checks: callers decide. */
export function removeVolume(array: Draft<ArrayState>, name: string): void {
  const v = array.volumes[name];
  if (!v) return;
  setVolumeSpace(array, v, zeroSpace());
  for (const n of [v.userCPG, v.snapCPG]) if (n && array.cpgs[n]) array.cpgs[n]!.references -= 1;
  if (v.copyType !== COPY_TYPE.VIRTUAL_COPY && v.userCPG && array.cpgs[v.userCPG]) {
    const counts = array.cpgs[v.userCPG]!.counts;
    if (v.provisioningType === PROVISIONING.FULL) counts.fpvv -= 1;
    else if (v.provisioningType === PROVISIONING.TPVV) counts.tpvv -= 1;
    else if (v.provisioningType === PROVISIONING.TDVV) counts.tdvv -= 1;
  }
  if (v.parentId !== undefined) {
    const parent = array.volumes[array.volumeIds[v.parentId] ?? ''];
    if (parent) parent.childIds = parent.childIds.filter((id) => id !== v.id);
  }
  for (const setName of v.sets) {
    const set = array.volumeSets[setName];
    if (set) set.members = set.members.filter((m) => m !== name);
  }
  delete array.volumeIds[v.id];
  delete array.volumeWwns[v.wwn];
  delete array.volumes[name];
}

export const deleteVolume =
  (input: { name: string }): Command<void> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const draft = arrayOf(fabric, ctx);
    const array = snapshotOf<ArrayState>(draft);
    const v = getVolume(array, input.name);
    checkDeletable(array, v, ctx.nowMs);
    const base = v.copyType === COPY_TYPE.VIRTUAL_COPY ? volumeById(array, v.baseId) : undefined;
    removeVolume(draft, input.name);
    // With the family's last snapshot gone, nothing needs the copied-on-write data any more.
    if (base && !familyHasSnapshots(snapshotOf<ArrayState>(draft), base.id)) {
      const b = draft.volumes[base.name]!;
      b.cowMiB = 0;
      setVolumeSpace(draft, b, targetSpace(b, 0));
    }
  };

export function familyHasSnapshots(array: ArrayState, baseId: number): boolean {
  const base = volumeById(array, baseId);
  return base !== undefined && base.childIds.length > 0;
}

export interface ModifyVolumeInput extends AllocationAlerts {
  newName?: string;
  comment?: string;
  snapCPG?: string;
  userCPG?: string;
  expirationHours?: number;
  retentionHours?: number;
  rmSsSpcAllocWarning?: boolean;
  rmUsrSpcAllocWarning?: boolean;
  rmExpTime?: boolean;
  rmSsSpcAllocLimit?: boolean;
  rmUsrSpcAllocLimit?: boolean;
  policies?: Partial<VolumePolicies>;
}

export const modifyVolume =
  (input: { name: string; changes: ModifyVolumeInput }): Command<{ name: string }> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const draft = arrayOf(fabric, ctx);
    const array = snapshotOf<ArrayState>(draft);
    const ch = input.changes;
    const v = getVolume(array, input.name);
    const conflicts: [boolean | undefined, unknown, string][] = [
      [ch.rmSsSpcAllocWarning, ch.ssSpcAllocWarningPct, 'rmSsSpcAllocWarning'],
      [ch.rmSsSpcAllocLimit, ch.ssSpcAllocLimitPct, 'rmSsSpcAllocLimit'],
      [ch.rmUsrSpcAllocWarning, ch.usrSpcAllocWarningPct, 'rmUsrSpcAllocWarning'],
      [ch.rmUsrSpcAllocLimit, ch.usrSpcAllocLimitPct, 'rmUsrSpcAllocLimit'],
      [ch.rmExpTime, ch.expirationHours, 'rmExpTime'],
    ];
    for (const [rm, value, ref] of conflicts) if (rm && value !== undefined) fail('INV_INPUT_PARAM_CONFLICT', { ref });
    if (ch.newName !== undefined) checkName(ch.newName, 31, 'newName');
    if (ch.comment !== undefined) checkComment(ch.comment, 511, 'comment');
    const isSnapshot = v.copyType === COPY_TYPE.VIRTUAL_COPY;
    if (isSnapshot && (ch.snapCPG !== undefined || ch.userCPG !== undefined)) fail('INV_OPERATION_VV_CPG_ON_SNAPSHOT');
    const alerts: AllocationAlerts = {
      ssSpcAllocWarningPct: ch.rmSsSpcAllocWarning ? 0 : (ch.ssSpcAllocWarningPct ?? v.ssSpcAllocWarningPct),
      ssSpcAllocLimitPct: ch.rmSsSpcAllocLimit ? 0 : (ch.ssSpcAllocLimitPct ?? v.ssSpcAllocLimitPct),
      usrSpcAllocWarningPct: ch.rmUsrSpcAllocWarning ? 0 : (ch.usrSpcAllocWarningPct ?? v.usrSpcAllocWarningPct),
      usrSpcAllocLimitPct: ch.rmUsrSpcAllocLimit ? 0 : (ch.usrSpcAllocLimitPct ?? v.usrSpcAllocLimitPct),
    };
    checkAlerts(alerts, isThin(v));
    const life = lifetimes(array, ctx.nowMs, ch.expirationHours, ch.retentionHours);
    if (life.retentionMs !== undefined && v.expirationMs !== undefined && ch.expirationHours === undefined && life.retentionMs > v.expirationMs) {
      fail('INV_INPUT_RETAIN_GT_EXPIRE', { ref: 'retentionHours' });
    }
    // Retention can only be extended, never shortened (Virtual Lock).
    if (life.retentionMs !== undefined && v.retentionMs !== undefined && life.retentionMs < v.retentionMs) fail('INV_INPUT_TIME', { ref: 'retentionHours' });
    const policies = applyPolicies(v.policies, ch.policies, isThin(v));
    if ((ch.snapCPG !== undefined || ch.userCPG !== undefined) && busyKind(array, v) === 'tune') fail('INV_OPERATION_VV_VOLUME_CONV_IN_PROGRESS');
    if (ch.snapCPG !== undefined) checkCpgForVolume(array, ch.snapCPG, v.domain);
    if (ch.userCPG !== undefined) {
      // A user CPG can only be given to a volume that has none; moving data between CPGs is a tune.
      if (v.userCPG !== undefined && v.userCPG !== ch.userCPG) fail('INV_OPERATION_VV_MODIFY_USR_CPG_TPVV');
      checkCpgForVolume(array, ch.userCPG, v.domain);
    }
    if (ch.newName !== undefined && ch.newName !== v.name && array.volumes[ch.newName]) fail('EXISTENT_VOL');

    const d = draft.volumes[v.name]!;
    if (ch.comment !== undefined) d.comment = ch.comment;
    d.policies = policies;
    d.ssSpcAllocWarningPct = alerts.ssSpcAllocWarningPct!;
    d.ssSpcAllocLimitPct = alerts.ssSpcAllocLimitPct!;
    d.usrSpcAllocWarningPct = alerts.usrSpcAllocWarningPct!;
    d.usrSpcAllocLimitPct = alerts.usrSpcAllocLimitPct!;
    if (ch.rmExpTime) delete d.expirationMs;
    if (life.expirationMs !== undefined) {
      d.expirationMs = life.expirationMs;
      noteDue(draft, life.expirationMs);
    }
    if (life.retentionMs !== undefined) d.retentionMs = life.retentionMs;
    if (ch.snapCPG !== undefined && ch.snapCPG !== v.snapCPG) {
      setVolumeCpgs(draft, d, { snapCPG: ch.snapCPG });
      setVolumeSpace(draft, d, targetSpace(d, d.cowMiB));
    }
    if (ch.userCPG !== undefined && v.userCPG === undefined) setVolumeCpgs(draft, d, { userCPG: ch.userCPG });
    if (ch.newName !== undefined && ch.newName !== v.name) renameVolume(draft, v.name, ch.newName);
    return { name: ch.newName ?? v.name };
  };

/** Renaming keeps the id, WWN and family (links are by id); sets list members by name. */
export function renameVolume(array: Draft<ArrayState>, from: string, to: string): void {
  const d = array.volumes[from]!;
  d.name = to;
  array.volumes[to] = d;
  delete array.volumes[from];
  array.volumeIds[d.id] = to;
  array.volumeWwns[d.wwn] = to;
  for (const setName of d.sets) {
    const set = array.volumeSets[setName];
    if (set) set.members = set.members.map((m) => (m === from ? to : m));
  }
  renameInTemplates(array, 'volumeName', from, to);
}

/** PUT action 3: grow by an amount, rounded up to whole chunklets. */
export const growVolume =
  (input: { name: string; sizeMiB: number }): Command<void> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const draft = arrayOf(fabric, ctx);
    const array = snapshotOf<ArrayState>(draft);
    const v = getVolume(array, input.name);
    // Zero is no growth; a negative amount would shrink, which the array never does.
    if (input.sizeMiB <= 0) fail('INV_INPUT_VV_GROW_SIZE', { ref: 'sizeMiB' });
    if (v.copyType === COPY_TYPE.VIRTUAL_COPY) fail('INV_OPERATION_UNSUPPORTED_VV_TYPE');
    checkNormal(v);
    const busy = busyKind(array, v);
    if (busy === 'promote') fail('INV_OPERATION_VV_PROMOTE_IN_PROGRESS');
    if (busy === 'tune') fail('INV_OPERATION_VV_TUNE_IN_PROGRESS');
    if (busy === 'hold') fail('INV_OPERATION_VV_IS_BUSY');
    if (busy !== undefined) fail('INV_OPERATION_VV_IS_PCOPY');
    if (isCopySource(array, v.name)) fail('INV_OPERATION_VV_PARENT_OF_PCOPY');
    // While its group replicates, a volume keeps its size (cinder stops the group, grows, restarts).
    const rc = v.rcGroup !== undefined ? array.rcGroups[v.rcGroup] : undefined;
    if (rc && rc.targets.some((t) => t.state === 3)) fail('INV_OPERATION_VV_IN_REMOTE_COPY');
    const chunk = array.profile.chunkletSizeMiB;
    const newSize = v.sizeMiB + Math.ceil(input.sizeMiB / chunk) * chunk;
    if (newSize > maxVolumeSizeMiB(array, v.provisioningType === PROVISIONING.TDVV || v.compression)) fail('VV_NEW_SIZE_EXCEED_CPG_LIMIT');
    const d = draft.volumes[v.name]!;
    d.sizeMiB = newSize;
    setVolumeSpace(draft, d, targetSpace(d, d.cowMiB), { limit: 'VV_NEW_SIZE_EXCEED_CPG_LIMIT' });
  };

/**
 * Control API: a host writes `mib` MiB to a volume. Thin volumes allocate as data lands; with snapshots in the
 * family the old data is copied on write into the base's snapshot space. Fails with NO_SPACE when the CPGs
 * cannot grow (growth limit or drives full) — the numbers decide, not a flag.
 */
export const writeToVolume =
  (input: { name: string; mib: number }): Command<{ writtenMiB: number }> =>
  (fabric, ctx) => {
    const draft = arrayOf(fabric, ctx);
    const array = snapshotOf<ArrayState>(draft);
    const v = getVolume(array, input.name);
    if (!Number.isFinite(input.mib) || input.mib <= 0) fail('INV_INPUT_BELOW_RANGE', { ref: 'mib' });
    if (v.readOnly) fail('INV_OPERATION_VV_READONLY_SNAPSHOT');
    const isSnapshot = v.copyType === COPY_TYPE.VIRTUAL_COPY;
    const base = isSnapshot ? volumeById(array, v.baseId)! : v;
    const b = draft.volumes[base.name]!;
    if (!isSnapshot) b.writtenMiB = Math.min(b.sizeMiB, b.writtenMiB + input.mib);
    if (isSnapshot || base.childIds.length > 0) {
      // Copy-on-write can at most copy every snapshot's whole image.
      const family = countFamilySnapshots(array, base.id);
      b.cowMiB = Math.min(base.sizeMiB * Math.max(1, family), b.cowMiB + input.mib);
    }
    if (isSnapshot) draft.volumes[v.name]!.writtenMiB = Math.min(v.sizeMiB, v.writtenMiB + input.mib);
    // Every write is a new data generation (what replication copies and failover tests measure).
    draft.volumes[v.name]!.generation = (v.generation ?? 0) + 1;
    setVolumeSpace(draft, b, targetSpace(b, b.cowMiB));
    return { writtenMiB: draft.volumes[v.name]!.writtenMiB };
  };

export function countFamilySnapshots(array: ArrayState, baseId: number): number {
  let n = 0;
  const stack = [...(volumeById(array, baseId)?.childIds ?? [])];
  while (stack.length) {
    const c = volumeById(array, stack.pop());
    if (!c) continue;
    n++;
    stack.push(...c.childIds);
  }
  return n;
}
