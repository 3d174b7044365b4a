import { fail } from './errors.ts';
import { arrayOf, requireRole, snapshotOf, type Command } from './fabric.ts';
import { checkName } from './names.ts';
import { randomUuid } from './random.ts';
import type { ArrayState, HostSet } from './state.ts';
import { getHost } from './host.ts';
import { checkComment } from './volume.ts';
import { SET_ACTION, type ModifyVolumeSetInput } from './volumeset.ts';
import { renameInTemplates } from './vlunkey.ts';
import { templateHosts, templateVolumes } from './vlun.ts';

/** Host sets follow the volume-set rules (Name27, members in the set's domain, one action at a time). */
const SET_NAME_MAX = 27;

export function getHostSet(array: ArrayState, name: string): HostSet {
  const s = array.hostSets[name];
  if (!s) fail('NON_EXISTENT_SET');
  return s;
}

function checkMembers(array: ArrayState, members: string[], domain: string | undefined): void {
  const seen = new Set<string>();
  for (const m of members) {
    if (seen.has(m)) fail('INV_INPUT_DUP_NAME', { ref: 'setmembers' });
    seen.add(m);
    const h = getHost(array, m);
    if (h.domain !== domain) fail('MEMBER_NOT_IN_SAME_DOMAIN');
  }
}

export const createHostSet =
  (input: { name: string; domain?: string; comment?: string; setmembers?: string[] }): Command<{ name: string }> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const draft = arrayOf(fabric, ctx);
    const array = snapshotOf<ArrayState>(draft);
    checkName(input.name, SET_NAME_MAX, 'name');
    if (input.comment !== undefined) checkComment(input.comment, 255, 'comment');
    if (input.domain !== undefined) {
      checkName(input.domain, 31, 'domain');
      if (!array.domains[input.domain]) fail('NON_EXISTENT_DOMAIN');
    }
    if (array.hostSets[input.name]) fail('EXISTENT_SET');
    const members = input.setmembers ?? [];
    const domain = input.domain ?? (members[0] !== undefined ? array.hosts[members[0]]?.domain : undefined);
    checkMembers(array, members, domain);
    let id = 0;
    while (array.hostSetIds[id] !== undefined) id++;
    draft.hostSets[input.name] = {
      id,
      name: input.name,
      uuid: randomUuid(fabric),
      members: [...members],
      ...(domain !== undefined ? { domain } : {}),
      ...(input.comment !== undefined ? { comment: input.comment } : {}),
    };
    draft.hostSetIds[id] = input.name;
    for (const m of members) draft.hosts[m]!.sets.push(input.name);
    return { name: input.name };
  };

export const modifyHostSet =
  (input: { name: string; changes: Omit<ModifyVolumeSetInput, 'flashCachePolicy'> }): Command<{ name: string }> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const draft = arrayOf(fabric, ctx);
    const array = snapshotOf<ArrayState>(draft);
    const ch = input.changes;
    const set = getHostSet(array, input.name);
    if (ch.action !== undefined && (ch.newName !== undefined || ch.comment !== undefined)) fail('INV_INPUT_PARAM_CONFLICT');
    if (ch.action === undefined && ch.setmembers !== undefined) fail('INV_INPUT_MISSING_REQUIRED', { ref: 'action' });
    if (ch.action !== undefined && ![SET_ACTION.MEM_ADD, SET_ACTION.MEM_REMOVE].includes(ch.action as 1 | 2)) fail('INV_INPUT_BAD_ENUM_VALUE', { ref: 'action' });
    if (ch.newName !== undefined) checkName(ch.newName, SET_NAME_MAX, 'newName');
    if (ch.comment !== undefined) checkComment(ch.comment, 255, 'comment');
    const d = draft.hostSets[input.name]!;
    if (ch.action !== undefined) {
      if (!ch.setmembers || ch.setmembers.length === 0) fail('INV_INPUT_MISSING_REQUIRED', { ref: 'setmembers' });
      if (ch.action === SET_ACTION.MEM_ADD) {
        checkMembers(array, ch.setmembers, set.domain);
        for (const m of ch.setmembers) if (set.members.includes(m)) fail('MEMBER_IN_SET');
        // The set's exports reach the new members too: their LUNs must not collide with the members' own.
        const setExports = Object.values(array.vluns).filter((t) => t.hostname === `set:${set.name}`);
        for (const m of ch.setmembers) {
          const host = array.hosts[m]!;
          for (const own of Object.values(array.vluns)) {
            if (!templateHosts(array, own).some((h) => h.name === host.name)) continue;
            for (const mine of templateVolumes(array, own)) {
              for (const t of setExports) {
                if (templateVolumes(array, t).some((x) => x.lun === mine.lun && x.volume !== mine.volume)) fail('LUN_ID_CONFLICT');
              }
            }
          }
        }
        for (const m of ch.setmembers) {
          d.members.push(m);
          draft.hosts[m]!.sets.push(set.name);
        }
      } else {
        for (const m of ch.setmembers) {
          getHost(array, m);
          if (!set.members.includes(m)) fail('MEMBER_NOT_IN_SET');
        }
        d.members = d.members.filter((m) => !ch.setmembers!.includes(m));
        for (const m of ch.setmembers) draft.hosts[m]!.sets = draft.hosts[m]!.sets.filter((s) => s !== set.name);
      }
    }
    if (ch.comment !== undefined) d.comment = ch.comment;
    if (ch.newName !== undefined && ch.newName !== input.name) {
      if (array.hostSets[ch.newName]) fail('EXISTENT_SET');
      d.name = ch.newName;
      draft.hostSets[ch.newName] = d;
      delete draft.hostSets[input.name];
      draft.hostSetIds[d.id] = ch.newName;
      for (const m of d.members) draft.hosts[m]!.sets = draft.hosts[m]!.sets.map((s) => (s === input.name ? ch.newName! : s));
      renameInTemplates(draft, 'hostname', `set:${input.name}`, `set:${ch.newName}`);
      return { name: ch.newName };
    }
    return { name: input.name };
  };

export const deleteHostSet =
  (input: { name: string }): Command<void> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const draft = arrayOf(fabric, ctx);
    const array = snapshotOf<ArrayState>(draft);
    const set = getHostSet(array, input.name);
    if (Object.values(array.vluns).some((t) => t.hostname === `set:${set.name}`)) fail('EXPORTED_VLUN');
    for (const m of set.members) {
      const h = draft.hosts[m];
      if (h) h.sets = h.sets.filter((s) => s !== set.name);
    }
    delete draft.hostSetIds[set.id];
    delete draft.hostSets[input.name];
  };
