import { REQUEST_BODIES } from '../../contracts/requests.ts';
import { parseNsp } from '../model/port.ts';
import type { ArrayState } from '../model/state.ts';
import { createVlun, deleteVlun, findTemplate, vlunRows, type CreateVlunInput, type VlunRow } from '../model/vlun.ts';
import { parseQuery, termMatches } from '../http/query.ts';
import { arrayState, readBody, reply, replyChunked, run, type Handler } from './context.ts';

function volumeWwn(array: ArrayState, volumeName: string): string | undefined {
  return volumeName.startsWith('set:') ? undefined : array.volumes[volumeName]?.wwn;
}

/**
 * A VLUN row as recorded: lun, volumeName, hostname, remoteName + portPos (active rows; templates carry portPos
 * only for port and matched-set exports), type, volumeWWN, multipathing, failedPathPol, failedPathInterval, active.
 */
function renderRow(array: ArrayState, r: VlunRow): Record<string, unknown> {
  const out: Record<string, unknown> = { lun: r.lun, volumeName: r.volumeName };
  if (r.hostname !== undefined) out.hostname = r.hostname;
  if (r.remoteName !== undefined) out.remoteName = r.remoteName;
  if (r.portPos !== undefined) {
    const p = parseNsp(r.portPos)!;
    out.portPos = { node: p.node, slot: p.slot, cardPort: p.cardPort };
  }
  out.type = r.template.type;
  const wwn = volumeWwn(array, r.volumeName);
  if (wwn !== undefined) out.volumeWWN = wwn;
  out.multipathing = 1;
  out.failedPathPol = 1;
  out.failedPathInterval = 0;
  out.active = r.active;
  return out;
}

const QUERY_FIELDS = ['volumeName', 'hostname', 'volumeWWN', 'remoteName', 'lun', 'type', 'serial'] as const;

export const vlunHandlers: Record<string, Handler> = {
  getVLUNs(c, s) {
    const array = arrayState(s);
    const terms = parseQuery(c.req.query('query'), QUERY_FIELDS);
    let rows = vlunRows(array).map((r) => renderRow(array, r));
    if (terms) rows = rows.filter((row) => terms.some((t) => termMatches(t, row[t.field] as string | number | undefined, t.field === 'volumeWWN' || t.field === 'remoteName')));
    return replyChunked(c, 200, { total: rows.length, members: rows });
  },

  getVLUN(c, s) {
    const array = arrayState(s);
    const t = findTemplate(array, c.req.param('id') ?? '');
    const members = vlunRows(array, [t]).map((r) => renderRow(array, r));
    return reply(c, 200, { total: members.length, members });
  },

  async createVLUN(c, s) {
    const body = await readBody<CreateVlunInput>(c, s, REQUEST_BODIES.createVLUN);
    const { id } = run(c, s, createVlun(body));
    return reply(c, 201, undefined, { Location: `/api/v1/vluns/${id}` });
  },

  deleteVLUN(c, s) {
    run(c, s, deleteVlun({ id: c.req.param('id') ?? '' }));
    return reply(c, 200);
  },
};
