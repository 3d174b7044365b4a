import type { Draft } from 'immer';
import { fail } from './errors.ts';
import { arrayOf, requireRole, snapshotOf, type Command } from './fabric.ts';
import { checkName } from './names.ts';
import { randomUuid } from './random.ts';
import type { ArrayState, Cpg, DiskPattern, LDLayout } from './state.ts';
import { DEFAULT_SET_SIZE, DISK_TYPE_BY_CODE, DISK_TYPE_CODE, RAID, RAID_SET_SIZES, cpgDiskType, cpgSpace, layoutDiskType, rawFactor, rawFreeMiB } from './capacity.ts';

export const HA = { PORT: 1, CAGE: 2, MAG: 3 } as const;

export interface CreateCpgInput {
  name: string;
  domain?: string;
  growthIncrementMiB?: number;
  growthLimitMiB?: number;
  usedLDWarningAlertMiB?: number;
  LDLayout?: Partial<LDLayout>;
}

/**
 * Auto-grow steps scale with node pairs: 32 GiB default / 8 GiB minimum per pair (3PAR Concepts Guide 3.1.3,
 * table 4); recorded arrays show SA 8 GiB on 2 nodes and 16 GiB on 4 nodes.
 */
function nodePairs(array: ArrayState): number {
  return Math.max(1, Math.ceil(array.profile.nodes / 2));
}

export function defaultGrowth(array: ArrayState): { sa: number; sd: number } {
  return { sa: 8192 * nodePairs(array), sd: 32768 * nodePairs(array) };
}

export function minimumGrowthIncrementMiB(array: ArrayState): number {
  return 8192 * nodePairs(array);
}

function checkEnum(value: number | undefined, allowed: readonly number[], ref: string): void {
  if (value !== undefined && !allowed.includes(value)) fail('INV_INPUT_BAD_ENUM_VALUE', { ref });
}

/** "0-3,5" style lists; a pattern naming nodes or cages the array does not have can never match. */
const LIST = /^\d+(-\d+)?(,\d+(-\d+)?)*$/;

function listValues(text: string): number[] {
  return text.split(',').flatMap((part) => {
    const [a, b] = part.split('-').map(Number);
    return b === undefined ? [a!] : [a!, b];
  });
}

function checkPattern(array: ArrayState, p: DiskPattern): void {
  const lists: [string | undefined, number][] = [
    [p.nodeList, array.profile.nodes],
    [p.cageList, array.profile.cages],
    [p.slotList, Number.POSITIVE_INFINITY],
    [p.portList, Number.POSITIVE_INFINITY],
    [p.magList, Number.POSITIVE_INFINITY],
    [p.diskPosList, Number.POSITIVE_INFINITY],
    [p.diskList, Number.POSITIVE_INFINITY],
  ];
  for (const [text, limit] of lists) {
    if (text === undefined) continue;
    if (!LIST.test(text) || listValues(text).some((n) => n >= limit)) fail('BAD_CPG_PATTERN');
  }
  for (const n of [p.totalChunkletsGreaterThan, p.totalChunkletsLessThan, p.freeChunkletsGreaterThan, p.freeChunkletsLessThan, p.RPM]) {
    if (n !== undefined && n < 0) fail('BAD_CPG_PATTERN');
  }
}

function defaultHa(array: ArrayState, layout: { RAIDType: number; setSize: number }): number {
  // Cage-level availability needs a set member on a different cage each; with too few cages the array settles for magazines.
  return array.profile.cages >= layout.setSize ? HA.CAGE : HA.MAG;
}

/** Check a requested layout against the array's rules and complete it with the array's defaults. */
export function resolveLayout(array: ArrayState, given: Partial<LDLayout> | undefined): LDLayout {
  const g = given ?? {};
  checkEnum(g.RAIDType, [RAID.R0, RAID.R1, RAID.R5, RAID.R6], 'RAIDType');
  checkEnum(g.HA, [HA.PORT, HA.CAGE, HA.MAG], 'HA');
  checkEnum(g.chunkletPosPref, [1, 2], 'chunkletPosPref');
  for (const p of g.diskPatterns ?? []) {
    checkEnum(p.diskType, [1, 2, 3], 'diskType');
    checkPattern(array, p);
  }
  // createcpg's defaults: RAID 6, set sizes 2 (R1) / 4 (R5) / 8 (R6), cage availability where the cages allow it.
  const RAIDType = g.RAIDType ?? RAID.R6;
  if (RAIDType === RAID.R0 && array.profile.parameters['allowR0'] !== true) fail('INV_OPERATION_CPG_RAID0_DISABLED');
  if (g.setSize !== undefined && !RAID_SET_SIZES[RAIDType]!.includes(g.setSize)) {
    fail('INV_SET_SIZE', { ref: 'setSize' });
  }
  const setSize = g.setSize ?? DEFAULT_SET_SIZE[RAIDType]!;
  const fallbackType = DISK_TYPE_CODE[array.profile.disks[0]?.type ?? 'FC'];
  const diskPatterns: DiskPattern[] =
    g.diskPatterns && g.diskPatterns.length > 0 ? g.diskPatterns.map((p) => ({ ...p })) : [{ diskType: fallbackType }];
  const layout: LDLayout = {
    RAIDType,
    setSize,
    HA: g.HA ?? defaultHa(array, { RAIDType, setSize }),
    chunkletPosPref: g.chunkletPosPref ?? 1,
    diskPatterns,
  };
  const diskType = layoutDiskType(layout, array.profile.disks[0]?.type ?? 'FC');
  if (RAIDType === RAID.R5 && diskType === 'NL' && array.profile.parameters['allowR5OnNLDrives'] !== true) {
    fail('INV_OPERATION_CPG_RAID5_NL_DISABLED');
  }
  return layout;
}

/** The array echoes the RAID type and disk patterns always, the other layout members only when they were given. */
function echoedLayout(layout: LDLayout, given: Partial<LDLayout> | undefined): Partial<LDLayout> {
  const echoed: Partial<LDLayout> = { RAIDType: layout.RAIDType, diskPatterns: layout.diskPatterns };
  if (given?.HA !== undefined) echoed.HA = layout.HA;
  if (given?.setSize !== undefined) echoed.setSize = layout.setSize;
  if (given?.chunkletPosPref !== undefined) echoed.chunkletPosPref = layout.chunkletPosPref;
  return echoed;
}

function lowestFreeId(ids: Record<number, string>): number {
  let id = 0;
  while (ids[id] !== undefined) id++;
  return id;
}

function checkGrowth(array: ArrayState, input: Pick<CreateCpgInput, 'growthIncrementMiB' | 'growthLimitMiB' | 'usedLDWarningAlertMiB'>): void {
  // The guide: 0 and negative values are ignored (they leave the default in place).
  const limit = input.growthLimitMiB ?? 0;
  const warning = input.usedLDWarningAlertMiB ?? 0;
  if (limit > 0 && warning > limit) fail('INV_INPUT_WARN_GT_LIMIT', { ref: 'usedLDWarningAlertMiB' });
  if (input.growthIncrementMiB !== undefined && input.growthIncrementMiB > 0 && input.growthIncrementMiB < minimumGrowthIncrementMiB(array)) {
    fail('INV_OPERATION_GROW_SIZE_TOO_SMALL');
  }
}

export const createCpg =
  (input: CreateCpgInput): Command<{ name: string }> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const array = arrayOf(fabric, ctx);
    // Checks read a plain snapshot: reading through the draft would proxy every CPG it looks at.
    const a = snapshotOf<ArrayState>(array);
    checkName(input.name, 31, 'name');
    if (input.domain !== undefined) {
      checkName(input.domain, 31, 'domain');
      if (!a.domains[input.domain]) fail('NON_EXISTENT_DOMAIN');
    }
    checkGrowth(a, input);
    const layout = resolveLayout(a, input.LDLayout);
    if (a.cpgs[input.name]) fail('EXISTENT_CPG');
    const diskType = layoutDiskType(layout, a.profile.disks[0]?.type ?? 'FC');
    // A CPG whose patterns match no drive with free chunklets could never build an LD.
    if (rawFreeMiB(a, diskType) <= 0) fail('NO_SPACE');

    const growth = defaultGrowth(a);
    const id = lowestFreeId(a.cpgIds);

    const cpg: Cpg = {
      id,
      uuid: randomUuid(fabric),
      name: input.name,
      ...(input.domain !== undefined ? { domain: input.domain } : {}),
      createdMs: ctx.nowMs,
      sdGrowth: {
        incrementMiB: input.growthIncrementMiB && input.growthIncrementMiB > 0 ? input.growthIncrementMiB : growth.sd,
        ...(input.growthLimitMiB && input.growthLimitMiB > 0 ? { limitMiB: input.growthLimitMiB } : {}),
        ...(input.usedLDWarningAlertMiB && input.usedLDWarningAlertMiB > 0 ? { warningMiB: input.usedLDWarningAlertMiB } : {}),
      },
      saGrowth: { incrementMiB: growth.sa },
      layout,
      layoutGiven: echoedLayout(layout, input.LDLayout),
      // Snapshot admin space is always a 3-way mirror on the same kind of drive.
      saLayout: {
        RAIDType: RAID.R1,
        setSize: 3,
        HA: layout.HA,
        chunkletPosPref: 1,
        diskPatterns: [{ diskType: DISK_TYPE_CODE[diskType] }],
      },
      ld: { dataMiB: 0, adminMiB: 0 },
      usage: { userMiB: 0, snapDataMiB: 0, snapAdminMiB: 0 },
      counts: { fpvv: 0, tpvv: 0, tdvv: 0 },
      references: 0,
    };
    array.cpgs[input.name] = cpg;
    array.cpgIds[id] = input.name;
    return { name: input.name };
  };

export const deleteCpg =
  (input: { name: string }): Command<void> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const array = arrayOf(fabric, ctx);
    const cpg = array.cpgs[input.name];
    if (!cpg) fail('NON_EXISTENT_CPG');
    if (cpg.references > 0) fail('IN_USE');
    delete array.cpgIds[cpg.id];
    delete array.cpgs[input.name];
  };

export function getCpg(array: ArrayState, name: string): Cpg {
  const cpg = array.cpgs[name];
  if (!cpg) fail('NON_EXISTENT_CPG');
  return cpg;
}

/** Free space as POST /spacereporter reports it, for an existing CPG or a prospective layout. */
export interface SpaceReport {
  rawFreeMiB: number;
  usableFreeMiB: number;
  overProvisionedVirtualSizeMiB: number;
  overProvisionedUsedMiB: number;
  overProvisionedAllocatedMiB: number;
  overProvisionedFreeMiB: number;
  compaction: number;
  dataReduction: number;
  overProvisioning: number;
}

export function spaceReport(array: ArrayState, target: { cpg: string } | { layout: Partial<LDLayout> }): SpaceReport {
  let layout: LDLayout;
  let used = 0;
  let allocated = 0;
  let virtual = 0;
  if ('cpg' in target) {
    const cpg = getCpg(array, target.cpg);
    layout = cpg.layout;
    const s = cpgSpace(cpg);
    used = s.user.rawUsed + s.snapData.rawUsed;
    allocated = s.rawFreeSpaceMiB;
    virtual = cpg.usage.userMiB;
  } else {
    layout = resolveLayout(array, target.layout);
  }
  const type = 'cpg' in target ? cpgDiskType(array, getCpg(array, target.cpg)) : layoutDiskType(layout, array.profile.disks[0]?.type ?? 'FC');
  if (!array.profile.disks.some((d) => d.type === type)) fail('NO_SPACE');
  const rawFree = Math.max(0, rawFreeMiB(array, type));
  const usable = Math.floor(rawFree / rawFactor(layout));
  const logicalUsed = used / rawFactor(layout);
  return {
    rawFreeMiB: rawFree,
    usableFreeMiB: usable,
    overProvisionedVirtualSizeMiB: virtual,
    overProvisionedUsedMiB: used,
    overProvisionedAllocatedMiB: allocated,
    overProvisionedFreeMiB: rawFree,
    compaction: logicalUsed > 0 ? virtual / logicalUsed : 0,
    dataReduction: 0,
    overProvisioning: rawFree + used + allocated > 0 ? virtual / (rawFree + used + allocated) : 0,
  };
}

export { DISK_TYPE_BY_CODE };
export type CpgDraft = Draft<Cpg>;

export interface ModifyCpgInput {
  newName?: string;
  disableAutoGrow?: boolean;
  rmGrowthLimit?: boolean;
  rmWarningAlert?: boolean;
  growthIncrementMiB?: number;
  growthLimitMiB?: number;
  usedLDWarningAlertMiB?: number;
  LDLayout?: Partial<LDLayout>;
}

/** PUT /cpgs/<name>: rename, growth parameters, layout for LDs created from now on. */
export const modifyCpg =
  (input: { name: string; changes: ModifyCpgInput }): Command<{ name: string }> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const array = arrayOf(fabric, ctx);
    const a = snapshotOf<ArrayState>(array);
    const ch = input.changes;
    const cpg = array.cpgs[input.name];
    if (!cpg) fail('NON_EXISTENT_CPG');
    if (ch.rmGrowthLimit && ch.growthLimitMiB !== undefined) fail('INV_INPUT_PARAM_CONFLICT');
    if (ch.rmWarningAlert && ch.usedLDWarningAlertMiB !== undefined) fail('INV_INPUT_PARAM_CONFLICT');
    if (ch.newName !== undefined) checkName(ch.newName, 31, 'newName');
    const limit = ch.rmGrowthLimit ? 0 : (ch.growthLimitMiB ?? cpg.sdGrowth.limitMiB ?? 0);
    const warning = ch.rmWarningAlert ? 0 : (ch.usedLDWarningAlertMiB ?? cpg.sdGrowth.warningMiB ?? 0);
    checkGrowth(a, { growthIncrementMiB: ch.growthIncrementMiB, growthLimitMiB: limit, usedLDWarningAlertMiB: warning });
    const layout = ch.LDLayout ? resolveLayout(a, ch.LDLayout) : undefined;
    if (ch.newName !== undefined && ch.newName !== input.name && array.cpgs[ch.newName]) fail('EXISTENT_CPG');

    if (ch.growthIncrementMiB !== undefined && ch.growthIncrementMiB > 0) cpg.sdGrowth.incrementMiB = ch.growthIncrementMiB;
    if (ch.disableAutoGrow) cpg.sdGrowth.incrementMiB = 0;
    if (limit > 0) cpg.sdGrowth.limitMiB = limit;
    else delete cpg.sdGrowth.limitMiB;
    if (warning > 0) cpg.sdGrowth.warningMiB = warning;
    else delete cpg.sdGrowth.warningMiB;
    if (layout && ch.LDLayout) {
      cpg.layout = layout;
      cpg.layoutGiven = echoedLayout(layout, ch.LDLayout);
    }
    let name = input.name;
    if (ch.newName !== undefined && ch.newName !== input.name) {
      name = ch.newName;
      cpg.name = name;
      array.cpgs[name] = cpg;
      delete array.cpgs[input.name];
      array.cpgIds[cpg.id] = name;
    }
    return { name };
  };
