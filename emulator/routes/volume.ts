import { REQUEST_BODIES } from '../../contracts/requests.ts';
import { createPhysicalCopy, promoteVirtualCopy, resyncPhysicalCopy, stopPhysicalCopy, stopPromoteVirtualCopy, tuneVolume, type PhysicalCopyInput } from '../model/copy.ts';
import { fail } from '../model/errors.ts';
import { createSnapshot, latestChildren, type SnapshotInput } from '../model/snapshot.ts';
import { COPY_TYPE, PROVISIONING } from '../model/space.ts';
import type { ArrayState, Volume, VolumeSpace } from '../model/state.ts';
import { iso8601Local } from '../model/time.ts';
import { createVolume, deleteVolume, getVolume, growVolume, isThin, modifyVolume, volumeById, type CreateVolumeInput, type ModifyVolumeInput } from '../model/volume.ts';
import { checkBody } from '../http/body.ts';
import { wireFloat } from '../http/json.ts';
import { parseQuery, termMatches } from '../http/query.ts';
import { actionWithParameters, arrayState, link, readBody, readJsonObject, reply, replyChunked, run, type ArrayServices, type Ctx, type Handler } from './context.ts';
import { urlName } from './cpg.ts';
import { osAtLeast } from './system.ts';
import { toRaw } from '../model/capacity.ts';

function spaceBlock(reserved: number, used: number, raw: number) {
  return { reservedMiB: reserved, rawReservedMiB: raw, usedMiB: used, freeMiB: reserved - used };
}

function rawOf(array: ArrayState, cpgName: string | undefined, logical: number, admin = false): number {
  const cpg = cpgName ? array.cpgs[cpgName] : undefined;
  if (!cpg || logical === 0) return 0;
  return toRaw(logical, admin ? cpg.saLayout : cpg.layout);
}

function timePair(prefix: string, ms: number, tz: string): Record<string, unknown> {
  const sec = Math.floor(ms / 1000);
  return { [`${prefix}Sec`]: sec, [`${prefix}8601`]: iso8601Local(sec, tz) };
}

/**
 * A volume as the array prints it. Member order follows the recorded replies: 3.3.1 adds deduplicationState /
 * compressionState after domain, totalReservedMiB/totalUsedMiB on base volumes, udid, and a self link first.
 */
export function renderVolume(s: ArrayServices, array: ArrayState, v: Volume, single: boolean): Record<string, unknown> {
  const p = array.profile;
  const v331 = osAtLeast(p, '3.3.1');
  const snapshot = v.copyType === COPY_TYPE.VIRTUAL_COPY;
  const sp: VolumeSpace = v.space;
  const out: Record<string, unknown> = { id: v.id, name: v.name };
  if (v.domain !== undefined) out.domain = v.domain;
  if (v331) {
    out.deduplicationState = v.provisioningType === PROVISIONING.TDVV ? 1 : v.provisioningType === PROVISIONING.TPVV ? 2 : 3;
    out.compressionState = isThin(v) ? (v.compression ? 1 : 2) : 4;
  }
  out.provisioningType = v.provisioningType;
  out.copyType = v.copyType;
  const copyOf = volumeById(array, v.copyOfId);
  if (copyOf) out.copyOf = copyOf.name;
  out.baseId = v.baseId;
  out.readOnly = v.readOnly;
  const busy = v.busyTaskId !== undefined ? array.tasks[v.busyTaskId] : undefined;
  out.state = v.failedStates && v.failedStates.length ? 3 : 1;
  out.failedStates = v.failedStates ?? [];
  out.degradedStates = [];
  // DetailedState of a volume in a task: 12 PROMOTING, 13 COPY_TARGET, 14 RESYNC_TARGET, 22 CONVERTING.
  const kind = busy?.effect.kind;
  out.additionalStates = kind === 'promote' ? [12] : kind === 'physicalCopy' ? [13] : kind === 'resync' ? [14] : kind === 'tune' ? [22] : [];
  out.adminSpace = spaceBlock(sp.adminReserved, sp.adminUsed, rawOf(array, v.userCPG ?? v.snapCPG, sp.adminReserved, true));
  out.snapshotSpace = spaceBlock(sp.snapReserved, sp.snapUsed, rawOf(array, v.snapCPG, sp.snapReserved));
  out.userSpace = spaceBlock(sp.userReserved, sp.userUsed, rawOf(array, v.userCPG, sp.userReserved));
  if (v331 && !snapshot) {
    out.totalReservedMiB = sp.userReserved + sp.snapReserved + sp.adminReserved;
    out.totalUsedMiB = sp.userUsed + sp.snapUsed + sp.adminUsed;
  }
  out.sizeMiB = v.sizeMiB;
  if (v.parentId !== undefined) out.parentId = v.parentId;
  const kids = latestChildren(array, v);
  if (kids.ro !== undefined) out.roChildId = kids.ro;
  if (kids.rw !== undefined) out.rwChildId = kids.rw;
  if (v.physParentId !== undefined) out.physParentId = v.physParentId;
  out.wwn = v.wwn;
  Object.assign(out, timePair('creationTime', v.createdMs, p.timeZone));
  if (v.expirationMs !== undefined) Object.assign(out, timePair('expirationTime', v.expirationMs, p.timeZone));
  if (v.retentionMs !== undefined) Object.assign(out, timePair('retentionTime', v.retentionMs, p.timeZone));
  out.ssSpcAllocWarningPct = v.ssSpcAllocWarningPct;
  out.ssSpcAllocLimitPct = v.ssSpcAllocLimitPct;
  out.usrSpcAllocWarningPct = v.usrSpcAllocWarningPct;
  out.usrSpcAllocLimitPct = v.usrSpcAllocLimitPct;
  const { hostDIF, ...older } = v.policies;
  out.policies = v331 ? { ...older, hostDIF } : older;
  if (v.userCPG !== undefined) out.userCPG = v.userCPG;
  if (v.snapCPG !== undefined) out.snapCPG = v.snapCPG;
  out.uuid = v.uuid;
  if (v331) out.udid = v.id;
  if (v.comment !== undefined) out.comment = v.comment;
  if (!snapshot) {
    // Ratios of virtual size to space actually used (thin) or 1 (fully provisioned); dedup only on TDVVs.
    const used = Math.max(1, sp.userUsed + sp.snapUsed);
    const eff: Record<string, unknown> = { compaction: wireFloat(isThin(v) ? v.sizeMiB / used : 1, 1) };
    if (v.provisioningType === PROVISIONING.TDVV) eff.deduplication = wireFloat(1, 1);
    out.capacityEfficiency = eff;
  }
  const links: { href: string; rel: string }[] = [];
  if (single || v331) links.push(link(s, `volumes/${v.name}`, 'self'));
  if (!snapshot) links.push(link(s, `volumespacedistribution/${v.name}`, 'volumeSpaceDistribution'));
  out.links = links;
  return out;
}

const QUERY_FIELDS = ['wwn', 'copyOf', 'userCPG', 'snapCPG', 'provisioningType', 'name', 'baseId', 'copyType'] as const;

function fieldOf(array: ArrayState, v: Volume, field: string): string | number | undefined {
  switch (field) {
    case 'copyOf':
      return volumeById(array, v.copyOfId)?.name;
    case 'wwn':
      return v.wwn;
    default:
      return (v as unknown as Record<string, string | number | undefined>)[field];
  }
}

const PUT_ACTIONS: Record<number, keyof typeof REQUEST_BODIES> = {
  1: 'stopPhysicalCopy',
  2: 'resyncPhysicalCopy',
  3: 'growVolume',
  4: 'promoteVirtualCopy',
  5: 'stopPromoteVirtualCopy',
  6: 'tuneVolume',
};

function volumeUrlName(c: Ctx): string {
  return urlName(c);
}

export const volumeHandlers: Record<string, Handler> = {
  getVolumes(c, s) {
    const array = arrayState(s);
    const terms = parseQuery(c.req.query('query'), QUERY_FIELDS);
    let vols = Object.values(array.volumes);
    if (terms) vols = vols.filter((v) => terms.some((t) => termMatches(t, fieldOf(array, v, t.field), t.field === 'wwn')));
    vols.sort((a, b) => a.id - b.id);
    const members = vols.map((v) => renderVolume(s, array, v, false));
    return replyChunked(c, 200, {
      total: members.length,
      members,
      links: [link(s, 'volumes', 'self'), link(s, 'volumespacedistribution', 'volumeSpaceDistribution')],
    });
  },

  getVolume(c, s) {
    const array = arrayState(s);
    return reply(c, 200, renderVolume(s, array, getVolume(array, volumeUrlName(c)), true));
  },

  async createVolume(c, s) {
    const body = await readBody<CreateVolumeInput>(c, s, REQUEST_BODIES.createVolume);
    const { name } = run(c, s, createVolume(body));
    return reply(c, 201, undefined, { Location: `/api/v1/volumes/${name}` });
  },

  async modifyVolume(c, s) {
    const name = volumeUrlName(c);
    const raw = await readJsonObject(c, s);
    const action = raw.action ?? undefined;
    if (action === undefined) {
      const body = checkBody<ModifyVolumeInput>(REQUEST_BODIES.modifyVolume, raw);
      const result = run(c, s, modifyVolume({ name, changes: body }));
      return reply(c, 200, undefined, { Location: `/api/v1/volumes/${result.name}` });
    }
    if (typeof action !== 'number' || !Number.isInteger(action)) fail('INV_INPUT_WRONG_TYPE', { ref: 'action' });
    const specName = PUT_ACTIONS[action];
    if (!specName) fail('INV_INPUT_BAD_ENUM_VALUE', { ref: 'action' });
    const body = checkBody<Record<string, any>>(REQUEST_BODIES[specName], raw);
    switch (action) {
      case 1:
        run(c, s, stopPhysicalCopy({ name }));
        return reply(c, 200);
      case 2:
        return reply(c, 200, run(c, s, resyncPhysicalCopy({ name, priority: body.priority })));
      case 3:
        run(c, s, growVolume({ name, sizeMiB: body.sizeMiB }));
        return reply(c, 200, undefined, { Location: `/api/v1/volumes/${name}` });
      case 4: {
        const { taskid } = run(c, s, promoteVirtualCopy({ name, online: body.online, priority: body.priority, allowRemoteCopyParent: body.allowRemoteCopyParent }));
        return reply(c, 200, { taskid, links: [link(s, `tasks/${taskid}`, 'self')] });
      }
      case 5:
        run(c, s, stopPromoteVirtualCopy({ name }));
        return reply(c, 200);
      default: {
        const { action: _a, ...rest } = body;
        return reply(c, 200, run(c, s, tuneVolume({ name, ...rest })));
      }
    }
  },

  deleteVolume(c, s) {
    run(c, s, deleteVolume({ name: volumeUrlName(c) }));
    return reply(c, 200);
  },

  async volumeAction(c, s) {
    const source = volumeUrlName(c);
    const { action, parameters } = actionWithParameters(await readJsonObject(c, s), {
      createSnapshot: REQUEST_BODIES.createSnapshot,
      createPhysicalCopy: REQUEST_BODIES.createPhysicalCopy,
    });
    if (action === 'createSnapshot') {
      const { name } = run(c, s, createSnapshot({ source, ...(parameters as unknown as SnapshotInput) }));
      return reply(c, 201, undefined, { Location: `/api/v1/volumes/${name}` });
    }
    const { taskid, destination } = run(c, s, createPhysicalCopy({ source, ...(parameters as unknown as Omit<PhysicalCopyInput, 'source'>) }));
    return reply(c, 201, { taskid }, { Location: `/api/v1/volumes/${destination}` });
  },
};
