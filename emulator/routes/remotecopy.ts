import { RC_GROUP_ACTION, RC_WIRE_ROLE } from '../../contracts/enums.ts';
import { REQUEST_BODIES } from '../../contracts/requests.ts';
import { checkBody } from '../http/body.ts';
import { parseQuery, termMatches } from '../http/query.ts';
import { fail } from '../model/errors.ts';
import {
  admitVolume,
  createRcGroup,
  dismissVolume,
  getRcGroup,
  modifyRcGroup,
  recoverRc,
  removeRcGroup,
  startRc,
  stopRc,
  syncRc,
  type AdmitInput,
  type CreateRcGroupInput,
  type ModifyRcGroupInput,
} from '../model/remotecopy.ts';
import { rcTargetLinks, setMirrorConfig } from '../model/rctarget.ts';
import type { ArrayState, FabricState, RcGroup, RcRemoteVolume, RcTarget } from '../model/state.ts';
import { iso8601Local } from '../model/time.ts';
import { arrayState, link, readBody, readJsonObject, reply, run, type ArrayServices, type Ctx, type Handler } from './context.ts';
import { urlName } from './cpg.ts';

/** Sync times: the ISO form in the array's zone, then seconds (the pairing every WSAPI time uses). */
function syncTimes(prefix: string, ms: number | undefined, tz: string): Record<string, unknown> {
  if (ms === undefined) return {};
  const sec = Math.floor(ms / 1000);
  return { [`${prefix}Time`]: iso8601Local(sec, tz), [`${prefix}TimeSec`]: sec };
}

function renderRemoteVolume(rv: RcRemoteVolume, tz: string): Record<string, unknown> {
  return {
    targetName: rv.targetName,
    remoteVolumeName: rv.remoteVolumeName,
    remoteVolumeID: rv.remoteVolumeID,
    syncStatus: rv.syncStatus,
    ...syncTimes('volumeLastSync', rv.lastSyncMs, tz),
  };
}

function renderGroupVolume(s: ArrayServices, array: ArrayState, g: RcGroup, v: RcGroup['volumes'][number]): Record<string, unknown> {
  return {
    localVolumeName: v.localVolumeName,
    localVolumeID: array.volumes[v.localVolumeName]?.id,
    remoteVolumes: v.remoteVolumes.map((rv) => renderRemoteVolume(rv, array.profile.timeZone)),
    links: [link(s, `remotecopygroups/${g.name}/volumes/${v.localVolumeName}`, 'self')],
  };
}

/**
 * Member order of python-3parclient's group model: name, id, role, domain, remoteGroupName, local CPGs, volumes,
 * targets, links. Reversed roles show as 1/2 with `roleReversed` on the targets (contracts/enums.ts RC_WIRE_ROLE).
 */
export function renderRcGroup(s: ArrayServices, fabric: FabricState, array: ArrayState, g: RcGroup): Record<string, unknown> {
  const tz = array.profile.timeZone;
  const out: Record<string, unknown> = { name: g.name, id: g.id, role: RC_WIRE_ROLE[g.role] ?? g.role };
  if (g.domain !== undefined) out.domain = g.domain;
  out.remoteGroupName = g.remoteGroupName;
  if (g.localUserCPG !== undefined) out.localUserCPG = g.localUserCPG;
  if (g.localSnapCPG !== undefined) out.localSnapCPG = g.localSnapCPG;
  out.volumes = g.volumes.map((v) => renderGroupVolume(s, array, g, v));
  out.targets = g.targets.map((t) => {
    const target = array.rcTargets[t.targetName];
    const peer = target ? fabric.arrays[target.peer] : undefined;
    return {
      targetName: t.targetName,
      ...(peer ? { target: peer.profile.name } : {}),
      roleReversed: t.roleReversed,
      state: t.state,
      mode: t.mode,
      ...(t.syncPeriod !== undefined ? { syncPeriod: t.syncPeriod } : {}),
      ...(t.snapFrequency !== undefined ? { snapFrequency: t.snapFrequency } : {}),
      ...syncTimes('groupLastSync', t.lastSyncMs, tz),
      policies: { ...t.policies },
      ...(t.remoteUserCPG !== undefined ? { remoteUserCPG: t.remoteUserCPG } : {}),
      ...(t.remoteSnapCPG !== undefined ? { remoteSnapCPG: t.remoteSnapCPG } : {}),
    };
  });
  out.links = [link(s, `remotecopygroups/${g.name}`, 'self'), link(s, `remotecopygroups/${g.name}/volumes`, 'volumes')];
  return out;
}

/** Targets: the fields of the create body and of the mirrorConfig change; nothing else is printed by a source (I). */
function renderTarget(t: RcTarget): Record<string, unknown> {
  return { name: t.name, type: t.type, policies: { mirrorConfig: t.policies.mirrorConfig } };
}

/**
 * One link per local RCIP port and target, named `<target>_<node>_<slot>_<port>` as a live array's /remotecopylinks
 * names them; the other members of a link object are not in any capture found, so none are made up.
 */
function rcLinks(fabric: FabricState, array: ArrayState): Record<string, unknown>[] {
  return Object.values(array.rcTargets)
    .sort((a, b) => a.id - b.id)
    .flatMap((t) => rcTargetLinks(array, t, fabric).map((l) => ({ name: `${t.name}_${l.portPos.replace(/:/g, '_')}` })));
}

function flag(c: Ctx, name: string): boolean | undefined {
  const v = c.req.query(name);
  if (v === undefined) return undefined;
  if (v === 'true') return true;
  if (v === 'false') return false;
  fail('INV_INPUT_WRONG_TYPE', { ref: name });
}

const GROUP_ACTIONS: Record<number, keyof typeof REQUEST_BODIES> = {
  [RC_GROUP_ACTION.ADMIT_VV]: 'admitRemoteCopyVolume',
  [RC_GROUP_ACTION.DISMISS_VV]: 'dismissRemoteCopyVolume',
  [RC_GROUP_ACTION.START]: 'startRemoteCopy',
  [RC_GROUP_ACTION.STOP]: 'stopRemoteCopy',
  [RC_GROUP_ACTION.SYNC]: 'synchronizeRemoteCopyGroup',
};

export const remoteCopyHandlers: Record<string, Handler> = {
  getRemoteCopyInfo(c, s) {
    const array = arrayState(s);
    // A live array with remote copy started answers mode 2, status 1 (lab capture); the links name the collections.
    return reply(c, 200, {
      mode: 2,
      status: 1,
      asyncEnabled: false,
      links: [link(s, 'remotecopy', 'self'), link(s, 'remotecopygroups', 'groups'), link(s, 'remotecopytargets', 'targets'), link(s, 'remotecopylinks', 'links')],
    });
  },

  getRemoteCopyGroups(c, s) {
    const array = arrayState(s);
    const terms = parseQuery(c.req.query('query'), ['name']);
    let groups = Object.values(array.rcGroups);
    if (terms) groups = groups.filter((g) => terms.some((t) => termMatches(t, g.name)));
    const members = groups.sort((a, b) => a.id - b.id).map((g) => renderRcGroup(s, s.fabric.state, array, g));
    return reply(c, 200, { total: members.length, members });
  },

  getRemoteCopyGroup(c, s) {
    const array = arrayState(s);
    return reply(c, 200, renderRcGroup(s, s.fabric.state, array, getRcGroup(array, urlName(c))));
  },

  async createRemoteCopyGroup(c, s) {
    const body = await readBody<CreateRcGroupInput>(c, s, REQUEST_BODIES.createRemoteCopyGroup);
    const { name } = run(c, s, createRcGroup(body));
    return reply(c, 201, undefined, { Location: `/api/v1/remotecopygroups/${name}` });
  },

  /** PUT without `action` modifies the group; with 1-5 it admits, dismisses, starts, stops or synchronizes. */
  async modifyRemoteCopyGroup(c, s) {
    const name = urlName(c);
    const raw = await readJsonObject(c, s);
    if (raw.action === undefined || raw.action === null) {
      const changes = checkBody<ModifyRcGroupInput>(REQUEST_BODIES.modifyRemoteCopyGroup, raw);
      run(c, s, modifyRcGroup({ name, changes }));
      return reply(c, 200);
    }
    if (typeof raw.action !== 'number' || !Number.isInteger(raw.action)) fail('INV_INPUT_WRONG_TYPE', { ref: 'action' });
    const specName = GROUP_ACTIONS[raw.action];
    if (!specName) fail('INV_INPUT_BAD_ENUM_VALUE', { ref: 'action' });
    const body = checkBody<Record<string, unknown>>(REQUEST_BODIES[specName], raw);
    const { action: _a, ...params } = body;
    switch (raw.action) {
      case RC_GROUP_ACTION.ADMIT_VV:
        run(c, s, admitVolume({ group: name, ...(params as Omit<AdmitInput, 'group'>) }));
        break;
      case RC_GROUP_ACTION.DISMISS_VV:
        run(c, s, dismissVolume({ group: name, ...(params as { volumeName: string; keepSnap?: boolean; removeSecondaryVolume?: boolean }) }));
        break;
      case RC_GROUP_ACTION.START:
        run(c, s, startRc({ name, ...(params as { skipInitialSync?: boolean; targetName?: string }) }));
        break;
      case RC_GROUP_ACTION.STOP:
        run(c, s, stopRc({ name, ...(params as { noSnapshot?: boolean; targetName?: string }) }));
        break;
      default:
        run(c, s, syncRc({ name, ...(params as { targetName?: string }) }));
    }
    return reply(c, 200);
  },

  async recoverRemoteCopyGroupFromDisaster(c, s) {
    const name = urlName(c);
    const body = await readBody<{ action: number } & Record<string, boolean | string | number>>(c, s, REQUEST_BODIES.recoverRemoteCopyGroupFromDisaster);
    run(c, s, recoverRc({ name, ...body }));
    return reply(c, 200);
  },

  removeRemoteCopyGroup(c, s) {
    const keepSnap = flag(c, 'keepSnap');
    run(c, s, removeRcGroup({ name: urlName(c), ...(keepSnap !== undefined ? { keepSnap } : {}) }));
    return reply(c, 200);
  },

  getRemoteCopyGroupVolumes(c, s) {
    const array = arrayState(s);
    const g = getRcGroup(array, urlName(c));
    const members = g.volumes.map((v) => renderGroupVolume(s, array, g, v));
    return reply(c, 200, { total: members.length, members });
  },

  getRemoteCopyGroupVolume(c, s) {
    const array = arrayState(s);
    const g = getRcGroup(array, urlName(c));
    const volume = urlName(c, 'volume');
    const v = g.volumes.find((x) => x.localVolumeName === volume);
    if (!v) fail(array.volumes[volume] ? 'RCOPY_GROUP_VOL_NOT_IN_GROUP' : 'NON_EXISTENT_VOL');
    return reply(c, 200, renderGroupVolume(s, array, g, v));
  },

  /** POST …/volumes: the admit body without `action` (python-3parclient useHttpPost). */
  async addVolumeToRemoteCopyGroup(c, s) {
    const name = urlName(c);
    const body = await readBody<Omit<AdmitInput, 'group'> & { action?: number }>(c, s, REQUEST_BODIES.admitRemoteCopyVolume);
    const { action: _a, ...params } = body;
    run(c, s, admitVolume({ group: name, ...params }));
    return reply(c, 200);
  },

  removeVolumeFromRemoteCopyGroup(c, s) {
    const keepSnap = flag(c, 'keepSnap');
    const removeSecondaryVolume = flag(c, 'removeSecondaryVolume');
    run(
      c,
      s,
      dismissVolume({
        group: urlName(c),
        volumeName: urlName(c, 'volume'),
        ...(keepSnap !== undefined ? { keepSnap } : {}),
        ...(removeSecondaryVolume !== undefined ? { removeSecondaryVolume } : {}),
      }),
    );
    return reply(c, 200);
  },

  getRemoteCopyTargets(c, s) {
    const array = arrayState(s);
    const members = Object.values(array.rcTargets)
      .sort((a, b) => a.id - b.id)
      .map(renderTarget);
    return reply(c, 200, { total: members.length, members });
  },

  getRemoteCopyTarget(c, s) {
    const array = arrayState(s);
    const t = array.rcTargets[urlName(c)];
    if (!t) fail('RCOPY_GROUP_INV_TARGET');
    return reply(c, 200, renderTarget(t));
  },

  async toggleRemoteCopyConfigMirror(c, s) {
    const body = await readBody<{ policies: { mirrorConfig?: boolean } }>(c, s, REQUEST_BODIES.toggleRemoteCopyConfigMirror);
    const target = urlName(c);
    if (body.policies.mirrorConfig === undefined) fail('INV_INPUT_MISSING_REQUIRED', { ref: 'mirrorConfig' });
    run(c, s, setMirrorConfig({ target, mirrorConfig: body.policies.mirrorConfig }));
    return reply(c, 200);
  },

  getRemoteCopyLinks(c, s) {
    const members = rcLinks(s.fabric.state, arrayState(s));
    return reply(c, 200, { total: members.length, members });
  },

  getRemoteCopyLink(c, s) {
    const name = urlName(c);
    const found = rcLinks(s.fabric.state, arrayState(s)).find((l) => l.name === name);
    if (!found) fail('RCOPY_GROUP_INV_TARGET');
    return reply(c, 200, found);
  },
};
