import { fail } from './errors.ts';
import { arrayOf, requireRole, snapshotOf, type Command } from './fabric.ts';
import type { ArrayState, Host, VlunTemplate } from './state.ts';
import { vlunKey } from './vlunkey.ts';
import { getHost } from './host.ts';
import { getHostSet } from './hostset.ts';
import { checkPortPos, getPort, isHostTargetPort, nsp, parseNsp, type PortPos } from './port.ts';
import { busyKind, getVolume } from './volume.ts';
import { getVolumeSet } from './volumeset.ts';

export const VLUN_TYPE = { EMPTY: 1, PORT: 2, HOST: 3, MATCHED_SET: 4, HOST_SET: 5 } as const;
export const MAX_LUN = 16383;

export { vlunKey };

/** The id clients use in URLs and get back in Location: `vol,lun,host[,n:s:p]` (`vol,lun,,n:s:p` for port exports). */
export function vlunId(t: Pick<VlunTemplate, 'volumeName' | 'lun' | 'hostname' | 'portPos'>): string {
  const base = `${t.volumeName},${t.lun},${t.hostname ?? ''}`;
  return t.portPos !== undefined ? `${base},${t.portPos}` : base;
}

/** The hosts a template reaches: its host, or every member of its host set. */
export function templateHosts(array: ArrayState, t: Pick<VlunTemplate, 'hostname'>): Host[] {
  if (t.hostname === undefined) return [];
  if (t.hostname.startsWith('set:')) {
    const set = array.hostSets[t.hostname.slice(4)];
    return set ? set.members.map((m) => array.hosts[m]).filter((h): h is Host => h !== undefined) : [];
  }
  const h = array.hosts[t.hostname];
  return h ? [h] : [];
}

/**
 * The volumes a template exports, each with its LUN: a volume-set export gives its members consecutive LUNs
 * from the template's LUN, in set order (the set's LUN is the starting LUN).
 */
export function templateVolumes(array: ArrayState, t: Pick<VlunTemplate, 'volumeName' | 'lun'>): { volume: string; lun: number }[] {
  if (!t.volumeName.startsWith('set:')) return [{ volume: t.volumeName, lun: t.lun }];
  const set = array.volumeSets[t.volumeName.slice(4)];
  return (set?.members ?? []).map((volume, i) => ({ volume, lun: t.lun + i }));
}

/** LUNs taken for a host: by any template reaching it (host or host-set exports), per exported volume. */
function lunsOfHost(array: ArrayState, host: Host): Map<number, string> {
  const out = new Map<number, string>();
  for (const t of Object.values(array.vluns)) {
    if (t.hostname === undefined) continue;
    if (templateHosts(array, t).some((h) => h.name === host.name)) for (const x of templateVolumes(array, t)) out.set(x.lun, x.volume);
  }
  return out;
}

/** LUNs taken on a port by port-presents exports. */
function lunsOfPort(array: ArrayState, port: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const t of Object.values(array.vluns)) if (t.hostname === undefined && t.portPos === port) for (const x of templateVolumes(array, t)) out.set(x.lun, x.volume);
  return out;
}

export interface CreateVlunInput {
  volumeName: string;
  lun?: number;
  hostname?: string;
  portPos?: PortPos;
  noVcn?: boolean;
  overrideLowerPriority?: boolean;
  autoLun?: boolean;
  maxAutoLun?: number;
}

/**
 * POST /vluns. The same volume may hold the same LUN for a host on several ports (cinder's iSCSI matched sets),
 * so EXISTENT_LUN is for a LUN another volume holds there, or for the identical template.
 */
export const createVlun =
  (input: CreateVlunInput): Command<{ id: string; lun: number }> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const draft = arrayOf(fabric, ctx);
    const array = snapshotOf<ArrayState>(draft);
    if (input.lun === undefined && !input.autoLun) fail('INV_INPUT_MISSING_REQUIRED', { ref: 'lun' });
    if (input.hostname === undefined && input.portPos === undefined) fail('MISSING_VLUN_EXPORT_INFO');
    const lun = input.lun ?? 0;
    if (lun < 0) fail('INV_INPUT_BELOW_RANGE', { ref: 'lun' });
    if (lun > MAX_LUN) fail('TOO_LARGE', { ref: 'lun' });
    if (input.maxAutoLun !== undefined && (input.maxAutoLun < 0 || input.maxAutoLun > MAX_LUN)) fail('INV_INPUT_EXCEEDS_RANGE', { ref: 'maxAutoLun' });
    let port: string | undefined;
    if (input.portPos) {
      checkPortPos(input.portPos);
      port = nsp(input.portPos);
      const p = getPort(array, port);
      if (!isHostTargetPort(p)) fail('BAD_PORT_TYPE');
    }

    // The volume (or volume set) being exported.
    let domain: string | undefined;
    if (input.volumeName.startsWith('set:')) {
      const set = getVolumeSet(array, input.volumeName.slice(4));
      if (set.members.length === 0) fail('INV_INPUT_EMPTY_VVSET');
      domain = set.domain;
    } else {
      const v = getVolume(array, input.volumeName);
      // An offline physical-copy destination is not usable until the copy ends; an online one is.
      const task = busyKind(array, v) === 'physicalCopy' ? array.tasks[v.busyTaskId!] : undefined;
      if (task?.effect.kind === 'physicalCopy' && !task.effect.online) fail('INV_OPERATION_VLUN_PCOPY_TARGET_VV');
      // A remote-copy secondary is not for hosts, unless the group manages paths (Peer Persistence, I).
      const rc = v.rcGroup !== undefined ? array.rcGroups[v.rcGroup] : undefined;
      if (rc && (rc.role === 2 || rc.role === 4) && !rc.targets.some((t) => t.policies.pathManagement)) fail('INV_OPERATION_VV_IN_REMOTE_COPY');
      domain = v.domain;
    }

    // The host (or host set) it goes to.
    let hosts: Host[] = [];
    if (input.hostname !== undefined) {
      if (input.hostname.startsWith('set:')) {
        const hs = getHostSet(array, input.hostname.slice(4));
        hosts = hs.members.map((m) => array.hosts[m]!).filter(Boolean);
        if (hs.domain !== domain) fail('VV_NOT_IN_SAME_DOMAIN');
      } else {
        const h = getHost(array, input.hostname);
        hosts = [h];
        if (h.domain !== domain) fail('VV_NOT_IN_SAME_DOMAIN');
      }
    }
    const type =
      input.hostname === undefined ? VLUN_TYPE.PORT
      : input.hostname.startsWith('set:') ? VLUN_TYPE.HOST_SET
      : port !== undefined ? VLUN_TYPE.MATCHED_SET
      : VLUN_TYPE.HOST;

    const taken = new Map<number, string>();
    for (const h of hosts) for (const [l, vol] of lunsOfHost(array, h)) taken.set(l, vol);
    // Exports to the same host set hold their LUNs even while the set is empty: members added later get them all.
    if (input.hostname !== undefined) {
      for (const t of Object.values(array.vluns)) if (t.hostname === input.hostname) for (const x of templateVolumes(array, t)) taken.set(x.lun, x.volume);
    }
    if (type === VLUN_TYPE.PORT) for (const [l, vol] of lunsOfPort(array, port!)) taken.set(l, vol);
    // What this export would hold: one LUN per exported volume (consecutive for a volume set).
    const wants = (start: number) => templateVolumes(array, { volumeName: input.volumeName, lun: start });
    const clashes = (start: number) => wants(start).some((x) => x.lun > MAX_LUN || (taken.has(x.lun) && taken.get(x.lun) !== x.volume));
    let chosen = lun;
    if (input.autoLun) {
      // The lowest LUN from `lun` up that nobody else holds for these hosts (the same volume may reuse its own).
      const max = input.maxAutoLun && input.maxAutoLun > 0 ? input.maxAutoLun : MAX_LUN;
      while (chosen <= max && clashes(chosen)) chosen++;
      if (chosen > max) fail('AUTO_LUN_ID_UNAVAILABLE');
    } else if (clashes(chosen)) {
      fail('EXISTENT_LUN');
    }
    const key = vlunKey(input.volumeName, chosen, input.hostname, port);
    if (array.vluns[key]) fail('EXISTENT_LUN');
    draft.vluns[key] = {
      key,
      volumeName: input.volumeName,
      lun: chosen,
      type,
      createdMs: ctx.nowMs,
      ...(input.hostname !== undefined ? { hostname: input.hostname } : {}),
      ...(port !== undefined ? { portPos: port } : {}),
    };
    if (!input.volumeName.startsWith('set:')) draft.volumes[input.volumeName]!.exports += 1;
    return { id: vlunId(draft.vluns[key]!), lun: chosen };
  };

/** Split a VLUN id from the URL into its parts, with the guide's errors for each missing or bad part. */
export function parseVlunId(array: ArrayState, id: string): { volumeName: string; lun: number; hostname?: string; portPos?: string } {
  const parts = id.split(',');
  const [volumeName, lunText, hostText, portText] = parts;
  if (parts.length > 4 || !volumeName || lunText === undefined || lunText === '') fail('INV_INPUT_MISSING_REQUIRED');
  if (!/^-?\d+$/.test(lunText)) fail('INV_INPUT_WRONG_TYPE', { ref: 'lun' });
  const lun = Number(lunText);
  if (lun < 0 || lun > MAX_LUN) fail('INV_INPUT_EXCEEDS_RANGE', { ref: 'lun' });
  const hostname = hostText ? hostText : undefined;
  let portPos: string | undefined;
  if (portText !== undefined && portText !== '') {
    const p = parseNsp(portText);
    if (!p) fail('INV_INPUT_PORT_SPECIFICATION');
    checkPortPos(p);
    portPos = nsp(p);
    // A well-formed position the array does not have is still a bad port selection here (PYT VLUN: 8:8:8 → 400).
    if (!(array.profile.ports ?? []).some((x) => x.portPos === portPos)) fail('INV_INPUT_PORT_SPECIFICATION');
  }
  if (hostname === undefined && portPos === undefined) fail('INV_INPUT_MISSING_REQUIRED');
  return { volumeName, lun, ...(hostname !== undefined ? { hostname } : {}), ...(portPos !== undefined ? { portPos } : {}) };
}

export function findTemplate(array: ArrayState, id: string): VlunTemplate {
  const p = parseVlunId(array, id);
  const t = array.vluns[vlunKey(p.volumeName, p.lun, p.hostname, p.portPos)];
  if (t) return t;
  // Say what is missing the way the array does: host, then volume, then the VLUN itself.
  if (p.hostname !== undefined) {
    if (p.hostname.startsWith('set:')) getHostSet(array, p.hostname.slice(4));
    else getHost(array, p.hostname);
  }
  if (p.volumeName.startsWith('set:')) getVolumeSet(array, p.volumeName.slice(4));
  else getVolume(array, p.volumeName);
  fail('NON_EXISTENT_VLUN');
}

/** DELETE /vluns/<id>: the template goes, and with it every active VLUN it produced. */
export const deleteVlun =
  (input: { id: string }): Command<void> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const draft = arrayOf(fabric, ctx);
    const t = findTemplate(snapshotOf<ArrayState>(draft), input.id);
    delete draft.vluns[t.key];
    const v = draft.volumes[t.volumeName];
    if (v) v.exports -= 1;
  };

/** One row of GET /vluns: a template (active false) or an active path derived from it. */
export interface VlunRow {
  template: VlunTemplate;
  active: boolean;
  /** the exported volume and its LUN (a volume-set export has one of each per member on its active rows) */
  volumeName: string;
  lun: number;
  hostname?: string;
  remoteName?: string;
  portPos?: string;
}

/**
 * Templates and their active VLUNs: one active row per initiator of a reached host that is logged in on a port
 * the template allows (any host port, or its own port for matched sets); port exports reach every initiator
 * logged in on their port.
 */
export function vlunRows(array: ArrayState, templates: Iterable<VlunTemplate> = Object.values(array.vluns)): VlunRow[] {
  const rows: VlunRow[] = [];
  for (const t of templates) {
    rows.push({ template: t, active: false, volumeName: t.volumeName, lun: t.lun, ...(t.hostname !== undefined ? { hostname: t.hostname } : {}), ...(t.portPos !== undefined ? { portPos: t.portPos } : {}) });
    const volumes = templateVolumes(array, t);
    if (t.hostname === undefined) {
      for (const [initiator, logins] of Object.entries(array.logins)) {
        if (!logins.some((l) => l.portPos === t.portPos)) continue;
        const owner = array.hostPaths[initiator];
        for (const x of volumes) rows.push({ template: t, active: true, volumeName: x.volume, lun: x.lun, remoteName: initiator, portPos: t.portPos!, ...(owner !== undefined ? { hostname: owner } : {}) });
      }
      continue;
    }
    for (const h of templateHosts(array, t)) {
      for (const initiator of [...h.fcWwns, ...h.iscsiNames]) {
        for (const l of array.logins[initiator] ?? []) {
          if (t.portPos !== undefined && l.portPos !== t.portPos) continue;
          for (const x of volumes) rows.push({ template: t, active: true, volumeName: x.volume, lun: x.lun, hostname: h.name, remoteName: initiator, portPos: l.portPos });
        }
      }
    }
  }
  return rows;
}
