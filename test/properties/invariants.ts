import { expect } from 'vitest';
import { COPY_TYPE } from '../../emulator/model/space.ts';
import type { ArrayState } from '../../emulator/model/state.ts';
import { VOLUME_SIZE_UNIT_MiB } from '../../emulator/model/volume.ts';

/** What must hold after any sequence of commands, whatever failed on the way. */
export function checkInvariants(a: ArrayState): void {
  const vols = Object.values(a.volumes);
  // Indexes agree with the volumes; ids, WWNs and names are unique.
  expect(Object.keys(a.volumeIds)).toHaveLength(vols.length);
  expect(Object.keys(a.volumeWwns)).toHaveLength(vols.length);
  for (const v of vols) {
    expect(a.volumeIds[v.id]).toBe(v.name);
    expect(a.volumeWwns[v.wwn]).toBe(v.name);
    expect(v.sizeMiB % VOLUME_SIZE_UNIT_MiB).toBe(0);
  }
  // Families are trees rooted at their base: every parent exists, lists the child, and shares the base.
  for (const v of vols) {
    if (v.copyType === COPY_TYPE.VIRTUAL_COPY) {
      const parent = a.volumes[a.volumeIds[v.parentId!]!];
      expect(parent).toBeDefined();
      expect(parent!.childIds).toContain(v.id);
      expect(parent!.baseId).toBe(v.baseId);
      let hops = 0;
      let cur = v;
      while (cur.copyType === COPY_TYPE.VIRTUAL_COPY && hops < vols.length) {
        cur = a.volumes[a.volumeIds[cur.parentId!]!]!;
        hops++;
      }
      expect(cur.id).toBe(v.baseId);
    } else {
      expect(v.baseId).toBe(v.id);
    }
    for (const id of v.childIds) expect(a.volumes[a.volumeIds[id]!]!.parentId).toBe(v.id);
  }
  // CPG usage equals the sum of what its volumes hold; counts and references match.
  for (const cpg of Object.values(a.cpgs)) {
    let user = 0, sd = 0, sa = 0, refs = 0, fp = 0, tp = 0, td = 0;
    for (const v of vols) {
      if (v.userCPG === cpg.name) user += v.space.userReserved;
      if (v.snapCPG === cpg.name) sd += v.space.snapReserved;
      if ((v.userCPG ?? v.snapCPG) === cpg.name) sa += v.space.adminReserved;
      if (v.userCPG === cpg.name) refs++;
      if (v.snapCPG === cpg.name) refs++;
      if (v.userCPG === cpg.name && v.copyType !== COPY_TYPE.VIRTUAL_COPY) {
        if (v.provisioningType === 1) fp++;
        else if (v.provisioningType === 2) tp++;
        else if (v.provisioningType === 6) td++;
      }
    }
    expect(cpg.usage).toEqual({ userMiB: user, snapDataMiB: sd, snapAdminMiB: sa });
    expect(cpg.references).toBe(refs);
    expect(cpg.counts).toEqual({ fpvv: fp, tpvv: tp, tdvv: td });
    expect(cpg.ld.dataMiB).toBeGreaterThanOrEqual(user + sd);
    if (cpg.sdGrowth.limitMiB !== undefined) expect(cpg.ld.dataMiB).toBeLessThanOrEqual(Math.max(cpg.sdGrowth.limitMiB, 0));
  }
  // Set membership is kept from both sides.
  for (const set of Object.values(a.volumeSets)) for (const m of set.members) expect(a.volumes[m]!.sets).toContain(set.name);
  for (const v of vols) for (const s of v.sets) expect(a.volumeSets[s]!.members).toContain(v.name);
}
