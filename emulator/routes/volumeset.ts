import { REQUEST_BODIES } from '../../contracts/requests.ts';
import type { ArrayState, VolumeSet } from '../model/state.ts';
import { iso8601Local } from '../model/time.ts';
import { createPhysicalCopyOfVolumeSet, createSnapshotOfVolumeSet, createVolumeSet, deleteVolumeSet, getVolumeSet, modifyVolumeSet, type ModifyVolumeSetInput } from '../model/volumeset.ts';
import { parseQuery, termMatches } from '../http/query.ts';
import { actionWithParameters, arrayState, readBody, readJsonObject, reply, run, type Handler } from './context.ts';
import { urlName } from './cpg.ts';
import { osAtLeast } from './system.ts';

/** Member order of the recorded sets: id, (uuid on 3.3.1), name, domain, comment, setmembers (omitted when empty), qosEnabled. */
export function renderVolumeSet(array: ArrayState, set: VolumeSet): Record<string, unknown> {
  const out: Record<string, unknown> = { id: set.id };
  if (osAtLeast(array.profile, '3.3.1')) out.uuid = set.uuid;
  out.name = set.name;
  if (set.domain !== undefined) out.domain = set.domain;
  if (set.comment !== undefined) out.comment = set.comment;
  if (set.members.length > 0) out.setmembers = [...set.members];
  if (set.flashCachePolicy !== undefined) out.flashCachePolicy = set.flashCachePolicy;
  out.qosEnabled = set.qosEnabled;
  return out;
}

function localParts(ms: number, tz: string) {
  const iso = iso8601Local(Math.floor(ms / 1000), tz);
  return { y: iso.slice(0, 4), m: iso.slice(5, 7), d: iso.slice(8, 10), H: iso.slice(11, 13), M: iso.slice(14, 16), S: iso.slice(17, 19) };
}

export const volumeSetHandlers: Record<string, Handler> = {
  getVolumeSets(c, s) {
    const array = arrayState(s);
    const terms = parseQuery(c.req.query('query'), ['setmembers', 'name']);
    let sets = Object.values(array.volumeSets);
    if (terms) {
      sets = sets.filter((set) => terms.some((t) => (t.field === 'name' ? termMatches(t, set.name) : set.members.some((m) => termMatches(t, m)))));
    }
    const members = sets.sort((a, b) => a.id - b.id).map((set) => renderVolumeSet(array, set));
    return reply(c, 200, { total: members.length, members });
  },

  getVolumeSet(c, s) {
    const array = arrayState(s);
    return reply(c, 200, renderVolumeSet(array, getVolumeSet(array, urlName(c))));
  },

  async createVolumeSet(c, s) {
    const body = await readBody<{ name: string; domain?: string; comment?: string; setmembers?: string[] }>(c, s, REQUEST_BODIES.createVolumeSet);
    const { name } = run(c, s, createVolumeSet(body));
    return reply(c, 201, undefined, { Location: `/api/v1/volumesets/${name}` });
  },

  async modifyVolumeSet(c, s) {
    const name = urlName(c);
    const body = await readBody<ModifyVolumeSetInput & { priority?: number }>(c, s, REQUEST_BODIES.modifyVolumeSet);
    const { priority: _p, ...changes } = body;
    const result = run(c, s, modifyVolumeSet({ name, changes }));
    return reply(c, 200, undefined, { Location: `/api/v1/volumesets/${result.name}` });
  },

  deleteVolumeSet(c, s) {
    run(c, s, deleteVolumeSet({ name: urlName(c) }));
    return reply(c, 200);
  },

  async volumeSetAction(c, s) {
    const set = urlName(c);
    const { action, parameters } = actionWithParameters(await readJsonObject(c, s), {
      createSnapshot: REQUEST_BODIES.createSnapshotOfVolumeSet,
      createPhysicalCopy: REQUEST_BODIES.createPhysicalCopyOfVolumeSet,
    });
    if (action === 'createPhysicalCopy') {
      // One {parent, child, taskid} per member pair (G131 p122).
      return reply(c, 201, run(c, s, createPhysicalCopyOfVolumeSet({ set, ...(parameters as { destVolume: string }) })));
    }
    const array = arrayState(s);
    const local = localParts(s.fabric.clock.now(), array.profile.timeZone);
    run(c, s, createSnapshotOfVolumeSet({ set, ...(parameters as { name: string }) }, local));
    return reply(c, 201, undefined, { Location: `/api/v1/volumesets/${set}` });
  },
};
