import { createHash } from 'node:crypto';
import { REQUEST_BODIES } from '../../contracts/requests.ts';
import { fail } from '../model/errors.ts';
import { createHost, deleteHost, getHost, modifyHost, type CreateHostInput, type ModifyHostInput } from '../model/host.ts';
import { parseNsp } from '../model/port.ts';
import type { ArrayState, Chap, Host } from '../model/state.ts';
import { arrayState, link, readBody, reply, run, type ArrayServices, type Handler } from './context.ts';
import { urlName } from './cpg.ts';

function portPos(text: string) {
  const p = parseNsp(text)!;
  return { node: p.node, slot: p.slot, cardPort: p.cardPort };
}

/** The array never shows a CHAP secret, only an encrypted form; a stable digest stands in for it (I). */
function encrypted(chap: Chap): string {
  return createHash('sha256').update(chap.secret).digest('hex').slice(0, 32);
}

/** One FCPaths entry per port an initiator is logged in on, or one without portPos when it is not logged in. */
function fcPaths(array: ArrayState, wwns: string[]) {
  return wwns.flatMap((wwn) => {
    const logins = array.logins[wwn] ?? [];
    return logins.length === 0 ? [{ wwn, hostSpeed: 0 }] : logins.map((l) => ({ wwn, portPos: portPos(l.portPos), hostSpeed: 0 }));
  });
}

function iscsiPaths(array: ArrayState, names: string[]) {
  return names.flatMap((name) => {
    const logins = array.logins[name] ?? [];
    return logins.length === 0
      ? [{ name, IPAddr: '0.0.0.0', hostSpeed: 0 }]
      : logins.map((l) => ({ name, portPos: portPos(l.portPos), IPAddr: l.ipAddr ?? '0.0.0.0', hostSpeed: 0 }));
  });
}

/** Member order of recorded hosts: id, name, (domain), descriptors, FCPaths, iSCSIPaths, persona, links, CHAP flags. */
export function renderHost(s: ArrayServices, array: ArrayState, h: Host): Record<string, unknown> {
  const out: Record<string, unknown> = { id: h.id, name: h.name };
  if (h.domain !== undefined) out.domain = h.domain;
  if (h.descriptors !== undefined && Object.keys(h.descriptors).length > 0) out.descriptors = { ...h.descriptors };
  out.FCPaths = fcPaths(array, h.fcWwns);
  out.iSCSIPaths = iscsiPaths(array, h.iscsiNames);
  out.persona = h.persona;
  out.links = [link(s, `hostpersonas?query="wsapiAssignedId EQ ${h.persona}"`, 'personaInfo')];
  out.initiatorChapEnabled = h.initiatorChap !== undefined;
  if (h.initiatorChap) {
    out.initiatorChapName = h.initiatorChap.name;
    out.initiatorEncryptedChapSecret = encrypted(h.initiatorChap);
  }
  out.targetChapEnabled = h.targetChap !== undefined;
  if (h.targetChap) {
    out.targetChapName = h.targetChap.name;
    out.targetEncryptedChapSecret = encrypted(h.targetChap);
  }
  return out;
}

/** Logged-in initiators no host owns: the array lists them as a last, nameless member of GET /hosts. */
function unassigned(array: ArrayState): Record<string, unknown> | undefined {
  const loose = Object.keys(array.logins).filter((i) => array.hostPaths[i] === undefined);
  if (loose.length === 0) return undefined;
  const fc = loose.filter((i) => /^[0-9A-F]{16}$/.test(i));
  const iscsi = loose.filter((i) => !/^[0-9A-F]{16}$/.test(i));
  return { FCPaths: fcPaths(array, fc), iSCSIPaths: iscsiPaths(array, iscsi), initiatorChapEnabled: false, targetChapEnabled: false };
}

/**
 * `FCPaths[wwn==A OR wwn==B] OR iSCSIPaths[name==x]` (python-3parclient queryHost) and `name EQ h`:
 * returns the matching predicate, or fails with an invalid query.
 */
function hostQuery(raw: string): (h: Host) => boolean {
  let text = raw.trim();
  if (text.startsWith('"') && text.endsWith('"')) text = text.slice(1, -1).trim();
  const tests: ((h: Host) => boolean)[] = [];
  const re = /(FCPaths|iSCSIPaths)\[([^\]]*)\]|(name)\s*(?:==|\sEQ\s)\s*(\S+)/gy;
  let rest = text;
  while (rest.length > 0) {
    re.lastIndex = 0;
    const m = re.exec(rest);
    if (!m) fail('INV_QUERY_STRING', { ref: 'query' });
    if (m[1]) {
      const field = m[1] === 'FCPaths' ? 'wwn' : 'name';
      const wanted = m[2]!.split(/\s+OR\s+/).map((term) => {
        const t = /^\s*(\w+)\s*(?:==|\sEQ\s)\s*(\S+)\s*$/.exec(term);
        if (!t || t[1] !== field) fail('INV_QUERY_STRING', { ref: 'query' });
        return m[1] === 'FCPaths' ? t[2]!.replace(/:/g, '').toUpperCase() : t[2]!.toLowerCase();
      });
      tests.push(m[1] === 'FCPaths' ? (h) => h.fcWwns.some((w) => wanted.includes(w)) : (h) => h.iscsiNames.some((n) => wanted.includes(n)));
    } else {
      const name = m[4]!;
      tests.push((h) => h.name === name);
    }
    rest = rest.slice(m[0].length).trim();
    if (rest.length === 0) break;
    const or = /^OR\s+/.exec(rest);
    if (!or) fail('INV_QUERY_STRING', { ref: 'query' });
    rest = rest.slice(or[0].length);
  }
  return (h) => tests.some((t) => t(h));
}

export const hostHandlers: Record<string, Handler> = {
  getHosts(c, s) {
    const array = arrayState(s);
    const query = c.req.query('query');
    let hosts = Object.values(array.hosts).sort((a, b) => a.id - b.id);
    if (query !== undefined) hosts = hosts.filter(hostQuery(query));
    const members: Record<string, unknown>[] = hosts.map((h) => renderHost(s, array, h));
    const loose = query === undefined ? unassigned(array) : undefined;
    if (loose) members.push(loose);
    return reply(c, 200, { total: members.length, members });
  },

  getHost(c, s) {
    const array = arrayState(s);
    return reply(c, 200, renderHost(s, array, getHost(array, urlName(c))));
  },

  async createHost(c, s) {
    const body = await readBody<CreateHostInput>(c, s, REQUEST_BODIES.createHost);
    const { name } = run(c, s, createHost(body));
    return reply(c, 201, undefined, { Location: `/api/v1/hosts/${name}` });
  },

  async modifyHost(c, s) {
    const name = urlName(c);
    const body = await readBody<ModifyHostInput>(c, s, REQUEST_BODIES.modifyHost);
    const result = run(c, s, modifyHost({ name, changes: body }));
    return reply(c, 200, undefined, { Location: `/api/v1/hosts/${result.name}` });
  },

  deleteHost(c, s) {
    run(c, s, deleteHost({ name: urlName(c) }));
    return reply(c, 200);
  },
};
