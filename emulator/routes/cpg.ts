import { REQUEST_BODIES } from '../../contracts/requests.ts';
import { cpgSpace } from '../model/capacity.ts';
import { createCpg, deleteCpg, getCpg, modifyCpg, spaceReport, type CreateCpgInput, type ModifyCpgInput } from '../model/cpg.ts';
import { fail } from '../model/errors.ts';
import type { Cpg, DiskPattern, LDLayout } from '../model/state.ts';
import { wireFloat } from '../http/json.ts';
import { arrayState, readBody, reply, run, type Ctx, type Handler } from './context.ts';
import { osAtLeast } from './system.ts';
import type { ArrayProfile } from '../model/state.ts';

/** A name taken from the URL: bad characters are refused, anything else that names nothing is "not found". */
export function urlName(c: Ctx, param = 'name'): string {
  const name = c.req.param(param) ?? '';
  if (!/^[A-Za-z0-9._-]*$/.test(name)) fail('INV_INPUT_ILLEGAL_CHAR');
  return name;
}

function renderPatterns(patterns: readonly DiskPattern[]): DiskPattern[] {
  return patterns.map((p) => ({ ...p }));
}

function renderSdLayout(given: Partial<LDLayout>) {
  // Member order as in the raw 3.2.2 capture.
  const out: Record<string, unknown> = { RAIDType: given.RAIDType };
  if (given.HA !== undefined) out.HA = given.HA;
  if (given.setSize !== undefined) out.setSize = given.setSize;
  if (given.chunkletPosPref !== undefined) out.chunkletPosPref = given.chunkletPosPref;
  out.diskPatterns = renderPatterns(given.diskPatterns ?? []);
  return out;
}

function renderSaLayout(cpg: Cpg) {
  const out: Record<string, unknown> = {};
  if (cpg.layoutGiven.HA !== undefined) out.HA = cpg.saLayout.HA;
  out.diskPatterns = renderPatterns(cpg.saLayout.diskPatterns);
  out.RAIDType = cpg.saLayout.RAIDType;
  return out;
}

export function renderCpg(cpg: Cpg, profile: ArrayProfile): Record<string, unknown> {
  const s = cpgSpace(cpg);
  const limitReached = cpg.sdGrowth.limitMiB !== undefined && s.totalSpaceMiB >= cpg.sdGrowth.limitMiB;
  const out: Record<string, unknown> = { id: cpg.id, uuid: cpg.uuid, name: cpg.name };
  if (cpg.domain !== undefined) out.domain = cpg.domain;
  out.numFPVVs = cpg.counts.fpvv;
  out.numTPVVs = cpg.counts.tpvv;
  out.numTDVVs = cpg.counts.tdvv;
  out.UsrUsage = { totalMiB: s.user.total, rawTotalMiB: s.user.rawTotal, usedMiB: s.user.used, rawUsedMiB: s.user.rawUsed };
  out.SAUsage = { totalMiB: s.snapAdmin.total, rawTotalMiB: s.snapAdmin.rawTotal, usedMiB: s.snapAdmin.used, rawUsedMiB: s.snapAdmin.rawUsed };
  out.SDUsage = { totalMiB: s.snapData.total, rawTotalMiB: s.snapData.rawTotal, usedMiB: s.snapData.used, rawUsedMiB: s.snapData.rawUsed };
  if (osAtLeast(profile, '3.3.1')) {
    out.privateSpaceMiB = { base: s.user.total, rawBase: s.user.rawTotal, snapshot: s.snapData.used, rawSnapshot: s.snapData.rawUsed };
    out.sharedSpaceMiB = 0;
    out.rawSharedSpaceMiB = 0;
    out.freeSpaceMiB = s.freeSpaceMiB;
    out.rawFreeSpaceMiB = s.rawFreeSpaceMiB;
    out.totalSpaceMiB = s.totalSpaceMiB;
    out.rawTotalSpaceMiB = s.rawTotalSpaceMiB;
  }
  out.SAGrowth = { incrementMiB: cpg.saGrowth.incrementMiB, LDLayout: renderSaLayout(cpg) };
  const sd: Record<string, unknown> = {};
  if (cpg.sdGrowth.warningMiB !== undefined) sd.warningMiB = cpg.sdGrowth.warningMiB;
  if (cpg.sdGrowth.limitMiB !== undefined) sd.limitMiB = cpg.sdGrowth.limitMiB;
  sd.incrementMiB = cpg.sdGrowth.incrementMiB;
  sd.LDLayout = renderSdLayout(cpg.layoutGiven);
  out.SDGrowth = sd;
  // Recorded arrays show a CPG whose space reached its SD growth limit as failed with SD_LIMIT_REACHED.
  out.state = limitReached ? 3 : 1;
  out.failedStates = limitReached ? [2] : [];
  out.degradedStates = [];
  out.additionalStates = [];
  // Deduplication needs flash: dedup-capable exactly when the CPG's drives are SSDs.
  out.dedupCapable = cpg.layout.diskPatterns.some((p) => p.diskType === 3);
  return out;
}

export const cpgHandlers: Record<string, Handler> = {
  getCPGs(c, s) {
    const array = arrayState(s);
    const members = Object.values(array.cpgs)
      .sort((a, b) => a.id - b.id)
      .map((cpg) => renderCpg(cpg, array.profile));
    return reply(c, 200, { total: members.length, members });
  },

  getCPG(c, s) {
    const array = arrayState(s);
    const name = urlName(c);
    return reply(c, 200, renderCpg(getCpg(array, name), array.profile));
  },

  async createCPG(c, s) {
    const body = await readBody<CreateCpgInput>(c, s, REQUEST_BODIES.createCPG);
    const { name } = run(c, s, createCpg(body));
    return reply(c, 201, undefined, { Location: `/api/v1/cpgs/${name}` });
  },

  async modifyCPG(c, s) {
    const name = urlName(c);
    const body = await readBody<ModifyCpgInput>(c, s, REQUEST_BODIES.modifyCPG);
    const result = run(c, s, modifyCpg({ name, changes: body }));
    return reply(c, 200, undefined, { Location: `/api/v1/cpgs/${result.name}` });
  },

  deleteCPG(c, s) {
    const name = urlName(c);
    run(c, s, deleteCpg({ name }));
    return reply(c, 200);
  },

  async getCPGAvailableSpace(c, s) {
    const body = await readBody<{ cpg?: string; LDLayout?: Partial<LDLayout> }>(c, s, REQUEST_BODIES.getCPGAvailableSpace);
    if (body.cpg !== undefined && body.LDLayout !== undefined) fail('INV_INPUT_PARAM_CONFLICT');
    if (body.cpg === undefined && body.LDLayout === undefined) fail('INV_INPUT_ONE_REQUIRED', { ref: 'cpg,LDLayout' });
    const array = arrayState(s);
    const r = spaceReport(array, body.cpg !== undefined ? { cpg: body.cpg } : { layout: body.LDLayout! });
    const out: Record<string, unknown> = { rawFreeMiB: r.rawFreeMiB, usableFreeMiB: r.usableFreeMiB };
    // The over-provisioning figures appear in 3.3.1 replies only.
    if (osAtLeast(array.profile, '3.3.1')) {
      out.overProvisionedVirtualSizeMiB = r.overProvisionedVirtualSizeMiB;
      out.overProvisionedUsedMiB = r.overProvisionedUsedMiB;
      out.overProvisionedAllocatedMiB = r.overProvisionedAllocatedMiB;
      out.overProvisionedFreeMiB = r.overProvisionedFreeMiB;
      out.capacityEfficiency = {
        compaction: wireFloat(r.compaction, 2),
        dataReduction: wireFloat(r.dataReduction, 2),
        overProvisioning: wireFloat(r.overProvisioning, 2),
      };
    }
    return reply(c, 200, out);
  },
};
