import type { Draft } from 'immer';
import { fail } from './errors.ts';
import { cpgDiskType, tierCapacities, toRaw } from './capacity.ts';
import type { ErrorSymbol } from '../../contracts/errors.ts';
import type { ArrayState, Cpg, Volume, VolumeSpace } from './state.ts';

/**
 * How a volume's space lands in CPGs: user space in its userCPG, snapshot data in its snapCPG, snapshot admin
 * (the thin/snapshot mapping metadata) in the userCPG's SA space, or the snapCPG's when it has no userCPG.
 * The CPG "used" figures are the sums of what volumes reserve (a recorded snap CPG's SDUsage.usedMiB equals its
 * volume's snapshotSpace.reservedMiB).
 */
interface Charge {
  cpg: string;
  userMiB: number;
  snapDataMiB: number;
  snapAdminMiB: number;
}

function chargesOf(v: Pick<Volume, 'userCPG' | 'snapCPG'>, space: VolumeSpace): Charge[] {
  const out = new Map<string, Charge>();
  const add = (cpg: string | undefined, k: 'userMiB' | 'snapDataMiB' | 'snapAdminMiB', n: number) => {
    if (!cpg || n === 0) return;
    const c = out.get(cpg) ?? { cpg, userMiB: 0, snapDataMiB: 0, snapAdminMiB: 0 };
    c[k] += n;
    out.set(cpg, c);
  };
  add(v.userCPG, 'userMiB', space.userReserved);
  add(v.snapCPG, 'snapDataMiB', space.snapReserved);
  add(v.userCPG ?? v.snapCPG, 'snapAdminMiB', space.adminReserved);
  return [...out.values()];
}

export interface GrowthFailure {
  /** what to answer when the CPG's growth limit stops the growth */
  limit: ErrorSymbol;
}

const DEFAULT_FAILURE: GrowthFailure = { limit: 'NO_SPACE' };

/**
 * Make the CPG own enough LD space for what its volumes hold: grow in growth-increment steps, never past the
 * growth limit, and only while the drives of its type have raw space left. Throws the array's error otherwise.
 * LD space is not given back when volumes shrink or go (the array keeps it until a compactcpg).
 */
function ensureLdSpace(array: Draft<ArrayState>, cpg: Draft<Cpg>, failure: GrowthFailure): void {
  const a = array as ArrayState;
  const needData = cpg.usage.userMiB + cpg.usage.snapDataMiB;
  if (needData > cpg.ld.dataMiB) {
    const inc = cpg.sdGrowth.incrementMiB;
    if (inc <= 0) fail('NO_SPACE');
    let target = cpg.ld.dataMiB + Math.ceil((needData - cpg.ld.dataMiB) / inc) * inc;
    const limit = cpg.sdGrowth.limitMiB;
    if (limit !== undefined && target > limit) {
      if (needData > limit) fail(failure.limit);
      target = limit;
    }
    const rawMore = toRaw(target, cpg.layout) - toRaw(cpg.ld.dataMiB, cpg.layout);
    if (rawMore > tierCapacities(a)[cpgDiskType(a, cpg as Cpg)].freeMiB) fail('NO_SPACE');
    cpg.ld.dataMiB = target;
  }
  if (cpg.usage.snapAdminMiB > cpg.ld.adminMiB) {
    const inc = cpg.saGrowth.incrementMiB;
    const target = cpg.ld.adminMiB + Math.ceil((cpg.usage.snapAdminMiB - cpg.ld.adminMiB) / inc) * inc;
    const rawMore = toRaw(target, cpg.saLayout) - toRaw(cpg.ld.adminMiB, cpg.saLayout);
    if (rawMore > tierCapacities(a)[cpgDiskType(a, cpg as Cpg)].freeMiB) fail('NO_SPACE');
    cpg.ld.adminMiB = target;
  }
}

/**
 * Move a volume from one space figure to another (creation: from zero; deletion: to zero), charging or
 * releasing its CPGs and growing them when needed. Works on the draft, so a failure discards everything.
 */
export function setVolumeSpace(
  array: Draft<ArrayState>,
  volume: Draft<Volume> | Volume,
  next: VolumeSpace,
  failure: GrowthFailure = DEFAULT_FAILURE,
): void {
  const before = chargesOf(volume, volume.space);
  const after = chargesOf(volume, next);
  const touched = new Set<string>();
  for (const [sign, charges] of [[-1, before], [1, after]] as const) {
    for (const c of charges) {
      const cpg = array.cpgs[c.cpg];
      if (!cpg) continue;
      cpg.usage.userMiB += sign * c.userMiB;
      cpg.usage.snapDataMiB += sign * c.snapDataMiB;
      cpg.usage.snapAdminMiB += sign * c.snapAdminMiB;
      touched.add(c.cpg);
    }
  }
  for (const name of touched) {
    const cpg = array.cpgs[name]!;
    if (cpg.usage.userMiB < 0 || cpg.usage.snapDataMiB < 0 || cpg.usage.snapAdminMiB < 0) {
      throw new Error(`CPG ${name} usage went negative`);
    }
    ensureLdSpace(array, cpg, failure);
  }
  volume.space = { ...next };
}

/** Move the CPG references (userCPG/snapCPG) of a volume, keeping usage and reference counts right. */
export function setVolumeCpgs(
  array: Draft<ArrayState>,
  volume: Draft<Volume>,
  cpgs: { userCPG?: string | undefined; snapCPG?: string | undefined },
  failure: GrowthFailure = DEFAULT_FAILURE,
): void {
  const space = { ...volume.space };
  setVolumeSpace(array, volume, zeroSpace());
  for (const n of [volume.userCPG, volume.snapCPG]) if (n && array.cpgs[n]) array.cpgs[n]!.references -= 1;
  if ('userCPG' in cpgs) {
    if (cpgs.userCPG === undefined) delete volume.userCPG;
    else volume.userCPG = cpgs.userCPG;
  }
  if ('snapCPG' in cpgs) {
    if (cpgs.snapCPG === undefined) delete volume.snapCPG;
    else volume.snapCPG = cpgs.snapCPG;
  }
  for (const n of [volume.userCPG, volume.snapCPG]) if (n && array.cpgs[n]) array.cpgs[n]!.references += 1;
  setVolumeSpace(array, volume, space, failure);
}

export function zeroSpace(): VolumeSpace {
  return { userReserved: 0, userUsed: 0, snapReserved: 0, snapUsed: 0, adminReserved: 0, adminUsed: 0 };
}

export const PROVISIONING = { FULL: 1, TPVV: 2, SNP: 3, TDVV: 6 } as const;
export const COPY_TYPE = { BASE: 1, PHYSICAL_COPY: 2, VIRTUAL_COPY: 3 } as const;

/** Thin volumes reserve user space in 1 GiB steps ahead of what is written (recorded: 1024 reserved on a new 10 GiB TPVV). */
const THIN_STEP_MiB = 1024;

/**
 * The space a volume should hold given its type, size, CPGs and what has been written.
 * Recorded replies: a new FPVV without snapCPG holds exactly its size and no admin/snapshot space; a new TPVV
 * holds 1024 user, 1024 snapshot (with a snapCPG) and 256 admin (1 used); a new TDVV 512 user and 128 admin.
 * Snapshot data grows as written data is copied on write for the volume's snapshots.
 */
export function targetSpace(v: Pick<Volume, 'provisioningType' | 'sizeMiB' | 'snapCPG' | 'writtenMiB' | 'copyType'>, snapDataUsed: number): VolumeSpace {
  if (v.provisioningType === PROVISIONING.SNP) return zeroSpace();
  const thin = v.provisioningType === PROVISIONING.TPVV || v.provisioningType === PROVISIONING.TDVV;
  const written = Math.min(v.writtenMiB, v.sizeMiB);
  let userReserved: number;
  let userUsed: number;
  if (thin) {
    const initial = v.provisioningType === PROVISIONING.TDVV ? 512 : THIN_STEP_MiB;
    userUsed = written;
    userReserved = Math.min(v.sizeMiB, Math.max(initial, Math.ceil(written / THIN_STEP_MiB) * THIN_STEP_MiB));
    userReserved = Math.max(userReserved, userUsed);
  } else {
    userReserved = v.sizeMiB;
    userUsed = v.sizeMiB;
  }
  let snapReserved = 0;
  let snapUsed = 0;
  if (v.snapCPG) {
    snapUsed = snapDataUsed;
    const initial = thin ? 1024 : 512;
    snapReserved = Math.max(initial, Math.ceil(snapUsed / THIN_STEP_MiB) * THIN_STEP_MiB);
  }
  let adminReserved = 0;
  let adminUsed = 0;
  if (thin || v.snapCPG) {
    adminReserved = v.provisioningType === PROVISIONING.TPVV ? 256 : 128;
    adminUsed = 1;
  }
  return { userReserved, userUsed, snapReserved, snapUsed, adminReserved, adminUsed };
}
