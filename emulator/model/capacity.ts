import type { ArrayState, Cpg, DiskTypeName, FlashCache, LDLayout } from './state.ts';

/** WSAPI enums (contracts/enums.ts has the names) */
export const RAID = { R0: 1, R1: 2, R5: 3, R6: 4 } as const;
export const DISK_TYPE_CODE: Record<DiskTypeName, number> = { FC: 1, NL: 2, SSD: 3 };
export const DISK_TYPE_BY_CODE: Record<number, DiskTypeName> = { 1: 'FC', 2: 'NL', 3: 'SSD' };

/** Set sizes each RAID type accepts (RaidTypeSetSizeMap of HPE's SDKs). */
export const RAID_SET_SIZES: Record<number, readonly number[]> = {
  [RAID.R0]: [1],
  [RAID.R1]: [2, 3, 4],
  [RAID.R5]: [3, 4, 5, 6, 7, 8, 9],
  [RAID.R6]: [6, 8, 10, 12, 16],
};

/** What the array uses when LDLayout leaves the set size out (3PAR CLI defaults: R1 2-way, R5 3+1, R6 6+2). */
export const DEFAULT_SET_SIZE: Record<number, number> = { [RAID.R0]: 1, [RAID.R1]: 2, [RAID.R5]: 4, [RAID.R6]: 8 };

/**
 * Raw MiB per logical MiB: mirrors keep setSize copies, parity sets lose one (R5) or two (R6) members.
 * Rounded to the nearest MiB, which reproduces the recorded pairs R5 7+1 1024 → 1170, 14592 → 16677,
 * 4608 → 5266, R5 3+1 16384 → 21845, R1 ×2, admin (3-way R1) ×3. Real arrays round per logical disk, so
 * large sums can differ by a MiB or two (recorded: 1017600 → 1162970 where one rounding gives 1162971).
 */
export function rawFactor(layout: Pick<LDLayout, 'RAIDType' | 'setSize'>): number {
  switch (layout.RAIDType) {
    case RAID.R0:
      return 1;
    case RAID.R1:
      return layout.setSize;
    case RAID.R5:
      return layout.setSize / (layout.setSize - 1);
    case RAID.R6:
      return layout.setSize / (layout.setSize - 2);
    default:
      return 1;
  }
}

export function toRaw(logicalMiB: number, layout: Pick<LDLayout, 'RAIDType' | 'setSize'>): number {
  return Math.round(logicalMiB * rawFactor(layout));
}

export function layoutDiskType(layout: LDLayout, fallback: DiskTypeName): DiskTypeName {
  const code = layout.diskPatterns.find((p) => p.diskType !== undefined)?.diskType;
  return (code !== undefined ? DISK_TYPE_BY_CODE[code] : undefined) ?? fallback;
}

/** The figures of one CPG the WSAPI reports, logical and raw. */
export interface CpgSpace {
  user: { total: number; rawTotal: number; used: number; rawUsed: number };
  snapAdmin: { total: number; rawTotal: number; used: number; rawUsed: number };
  snapData: { total: number; rawTotal: number; used: number; rawUsed: number };
  /** LD space: the user part is exactly what volumes hold, the rest of the data LDs shows as snapshot-data total */
  totalSpaceMiB: number;
  rawTotalSpaceMiB: number;
  freeSpaceMiB: number;
  rawFreeSpaceMiB: number;
  /** raw MiB taken from the drives by this CPG's LDs */
  rawAllocatedMiB: number;
}

export function cpgSpace(cpg: Cpg): CpgSpace {
  const userUsed = cpg.usage.userMiB;
  const sdTotal = Math.max(0, cpg.ld.dataMiB - userUsed);
  const sdUsed = cpg.usage.snapDataMiB;
  const rawUser = toRaw(userUsed, cpg.layout);
  const rawSdTotal = toRaw(sdTotal, cpg.layout);
  const rawSa = toRaw(cpg.ld.adminMiB, cpg.saLayout);
  const free = cpg.ld.dataMiB - userUsed - sdUsed;
  return {
    user: { total: userUsed, rawTotal: rawUser, used: userUsed, rawUsed: rawUser },
    snapAdmin: { total: cpg.ld.adminMiB, rawTotal: rawSa, used: cpg.usage.snapAdminMiB, rawUsed: toRaw(cpg.usage.snapAdminMiB, cpg.saLayout) },
    snapData: { total: sdTotal, rawTotal: rawSdTotal, used: sdUsed, rawUsed: toRaw(sdUsed, cpg.layout) },
    totalSpaceMiB: cpg.ld.dataMiB,
    rawTotalSpaceMiB: rawUser + rawSdTotal,
    freeSpaceMiB: free,
    rawFreeSpaceMiB: toRaw(free, cpg.layout),
    rawAllocatedMiB: rawUser + rawSdTotal + rawSa,
  };
}

export interface TierCapacity {
  totalMiB: number;
  /** raw MiB held by CPG logical disks, split as the capacity report does */
  cpgUser: number;
  cpgUserUsed: number;
  cpgSnapshot: number;
  cpgSnapshotUsed: number;
  cpgAdmin: number;
  cpgAdminUsed: number;
  internalMiB: number;
  spareMiB: number;
  spareUsedMiB: number;
  failedMiB: number;
  freeMiB: number;
  /** the tier has CPG space in it (the report only then carries capacityEfficiency) */
  hasVolumes: boolean;
}

export function cpgDiskType(array: ArrayState, cpg: Cpg): DiskTypeName {
  return layoutDiskType(cpg.layout, array.profile.disks[0]?.type ?? 'FC');
}

/** Capacity by drive type, every figure derived from the drives and what the CPGs hold. */
export function tierCapacities(array: ArrayState): Record<DiskTypeName, TierCapacity> {
  const tiers = {} as Record<DiskTypeName, TierCapacity>;
  for (const t of ['FC', 'NL', 'SSD'] as const) {
    tiers[t] = {
      totalMiB: 0, cpgUser: 0, cpgUserUsed: 0, cpgSnapshot: 0, cpgSnapshotUsed: 0, cpgAdmin: 0, cpgAdminUsed: 0,
      internalMiB: 0, spareMiB: 0, spareUsedMiB: 0, failedMiB: 0, freeMiB: 0, hasVolumes: false,
    };
  }
  for (const g of array.profile.disks) {
    const t = tiers[g.type];
    t.totalMiB += g.count * g.sizeMiB;
    t.spareMiB += g.spareMiB;
    t.internalMiB += g.internalMiB;
    t.failedMiB += (g.failedMiB ?? 0) + (array.failedDisks?.[g.type] ?? 0) * g.sizeMiB;
  }
  for (const cpg of Object.values(array.cpgs)) {
    const t = tiers[cpgDiskType(array, cpg)];
    const s = cpgSpace(cpg);
    t.cpgUser += s.user.rawTotal;
    t.cpgUserUsed += s.user.rawUsed;
    t.cpgSnapshot += s.snapData.rawTotal;
    t.cpgSnapshotUsed += s.snapData.rawUsed;
    t.cpgAdmin += s.snapAdmin.rawTotal;
    t.cpgAdminUsed += s.snapAdmin.rawUsed;
    if (s.rawAllocatedMiB > 0) t.hasVolumes = true;
  }
  // The flash cache is system space on the SSDs.
  tiers.SSD.internalMiB += flashCacheRawMiB(array.flashCache);
  for (const t of Object.values(tiers)) {
    t.freeMiB = t.totalMiB - allocatedMiB(t) - t.failedMiB;
  }
  return tiers;
}

export function volumesMiB(t: TierCapacity): number {
  return t.cpgUser + t.cpgSnapshot + t.cpgAdmin;
}

export function systemMiB(t: TierCapacity): number {
  return t.internalMiB + t.spareMiB;
}

export function allocatedMiB(t: TierCapacity): number {
  return volumesMiB(t) + systemMiB(t);
}

/** Raw SSD space a (real) flash cache takes: RAID 1 by default (a copy of each block). */
export function flashCacheRawMiB(fc: FlashCache | undefined): number {
  if (!fc || fc.mode === 1) return 0;
  return fc.sizeGiB * 1024 * (fc.RAIDType === 1 ? 1 : 2);
}

export function rawFreeMiB(array: ArrayState, type: DiskTypeName): number {
  return tierCapacities(array)[type].freeMiB;
}
