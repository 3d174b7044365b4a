import { REQUEST_BODIES } from '../../contracts/requests.ts';
import { createHostSet, deleteHostSet, getHostSet, modifyHostSet } from '../model/hostset.ts';
import type { ArrayState, HostSet } from '../model/state.ts';
import { parseQuery, termMatches } from '../http/query.ts';
import { arrayState, readBody, reply, run, type Handler } from './context.ts';
import { urlName } from './cpg.ts';
import { osAtLeast } from './system.ts';

/** Recorded host sets: id, (uuid on 3.3.1), name, (domain, comment), setmembers (omitted when empty). */
export function renderHostSet(array: ArrayState, set: HostSet): Record<string, unknown> {
  const out: Record<string, unknown> = { id: set.id };
  if (osAtLeast(array.profile, '3.3.1')) out.uuid = set.uuid;
  out.name = set.name;
  if (set.domain !== undefined) out.domain = set.domain;
  if (set.comment !== undefined) out.comment = set.comment;
  if (set.members.length > 0) out.setmembers = [...set.members];
  return out;
}

export const hostSetHandlers: Record<string, Handler> = {
  getHostSets(c, s) {
    const array = arrayState(s);
    const terms = parseQuery(c.req.query('query'), ['setmembers', 'name']);
    let sets = Object.values(array.hostSets);
    if (terms) sets = sets.filter((set) => terms.some((t) => (t.field === 'name' ? termMatches(t, set.name) : set.members.some((m) => termMatches(t, m)))));
    const members = sets.sort((a, b) => a.id - b.id).map((set) => renderHostSet(array, set));
    return reply(c, 200, { total: members.length, members });
  },

  getHostSet(c, s) {
    const array = arrayState(s);
    return reply(c, 200, renderHostSet(array, getHostSet(array, urlName(c))));
  },

  async createHostSet(c, s) {
    const body = await readBody<{ name: string; domain?: string; comment?: string; setmembers?: string[] }>(c, s, REQUEST_BODIES.createHostSet);
    const { name } = run(c, s, createHostSet(body));
    return reply(c, 201, undefined, { Location: `/api/v1/hostsets/${name}` });
  },

  async modifyHostSet(c, s) {
    const name = urlName(c);
    const body = await readBody<{ action?: number; setmembers?: string[]; newName?: string; comment?: string }>(c, s, REQUEST_BODIES.modifyHostSet);
    const result = run(c, s, modifyHostSet({ name, changes: body }));
    return reply(c, 200, undefined, { Location: `/api/v1/hostsets/${result.name}` });
  },

  deleteHostSet(c, s) {
    run(c, s, deleteHostSet({ name: urlName(c) }));
    return reply(c, 200);
  },
};
