import type { Draft } from 'immer';
import { fail } from './errors.ts';
import { arrayOf, requireRole, snapshotOf, type Command } from './fabric.ts';
import { checkName } from './names.ts';
import type { ArrayState, Chap, Host, HostDescriptors } from './state.ts';
import { checkComment } from './volume.ts';
import { renameInTemplates } from './vlunkey.ts';

export const PERSONAS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
/** Generic-ALUA, the default since 3PAR OS 3.1.3 (G131 p73). */
export const DEFAULT_PERSONA = 2;
export const PATH_OPERATION = { ADD: 1, REMOVE: 2 } as const;
export const CHAP_MODE = { INITIATOR: 1, TARGET: 2 } as const;
/** More paths than this in one host → INV_INPUT_TOO_MANY_WWN_OR_iSCSI (python-3parclient docstring: 1024). */
const MAX_PATHS = 1024;
const ISCSI_NAME_MAX = 223;

export function getHost(array: ArrayState, name: string): Host {
  const h = array.hosts[name];
  if (!h) fail('NON_EXISTENT_HOST');
  return h;
}

/** FC WWNs: 16 hex digits, colons allowed on input; stored upper-case without colons. */
export function normalizeWwn(raw: string): string {
  const hex = raw.replace(/:/g, '');
  if (hex.length === 0) fail('INV_INPUT_EMPTY_STR', { ref: 'FCWWNs' });
  if (!/^[0-9A-Fa-f]+$/.test(hex)) fail('INV_INPUT_ILLEGAL_CHAR', { ref: 'FCWWNs' });
  if (hex.length !== 16) fail('INV_INPUT_BAD_LENGTH', { ref: 'FCWWNs' });
  return hex.toUpperCase();
}

/** iSCSI names: name223, printable without spaces; stored lower-case (matching is case-insensitive). */
export function normalizeIqn(raw: string): string {
  if (raw.length === 0) fail('INV_INPUT_EMPTY_STR', { ref: 'iSCSINames' });
  if (raw.length > ISCSI_NAME_MAX) fail('INV_INPUT_EXCEEDS_LENGTH', { ref: 'iSCSINames' });
  if (!/^[A-Za-z0-9.:_\-]+$/.test(raw)) fail('INV_INPUT_ILLEGAL_CHAR', { ref: 'iSCSINames' });
  return raw.toLowerCase();
}

function normalizedPaths(input: { FCWWNs?: string[]; iSCSINames?: string[] }): { kind: 'FC' | 'iSCSI'; ids: string[] } {
  if (input.FCWWNs !== undefined && input.iSCSINames !== undefined) fail('INV_INPUT_PARAM_CONFLICT');
  const kind = input.iSCSINames !== undefined ? 'iSCSI' : 'FC';
  const ids = kind === 'FC' ? (input.FCWWNs ?? []).map(normalizeWwn) : (input.iSCSINames ?? []).map(normalizeIqn);
  if (ids.length > MAX_PATHS) fail('INV_INPUT_TOO_MANY_WWN_OR_iSCSI');
  if (new Set(ids).size !== ids.length) fail('INV_INPUT_DUP_PATH');
  return { kind, ids };
}

function checkDescriptors(d: HostDescriptors | undefined): void {
  if (!d) return;
  for (const [k, v] of Object.entries(d)) if (typeof v === 'string') checkComment(v, 255, k);
}

export interface CreateHostInput {
  name: string;
  domain?: string;
  FCWWNs?: string[];
  iSCSINames?: string[];
  persona?: number;
  forceTearDown?: boolean;
  descriptors?: HostDescriptors;
  port?: string[];
}

/** Take an initiator away from whichever host owns it (forceTearDown / forced re-assignment). */
function detachPath(array: Draft<ArrayState>, id: string): void {
  const owner = array.hostPaths[id];
  if (!owner) return;
  const h = array.hosts[owner];
  if (h) {
    h.fcWwns = h.fcWwns.filter((w) => w !== id);
    h.iscsiNames = h.iscsiNames.filter((n) => n !== id);
  }
  delete array.hostPaths[id];
}

export const createHost =
  (input: CreateHostInput): Command<{ name: string }> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const draft = arrayOf(fabric, ctx);
    const array = snapshotOf<ArrayState>(draft);
    checkName(input.name, 31, 'name');
    const { kind, ids } = normalizedPaths(input);
    if (input.persona !== undefined && !PERSONAS.includes(input.persona)) fail('INV_INPUT_BAD_ENUM_VALUE', { ref: 'persona' });
    checkDescriptors(input.descriptors);
    if (input.domain !== undefined) {
      checkName(input.domain, 31, 'domain');
      if (!array.domains[input.domain]) fail('NON_EXISTENT_DOMAIN');
    }
    if (array.hosts[input.name]) fail('EXISTENT_HOST');
    for (const id of ids) if (array.hostPaths[id] && !input.forceTearDown) fail('EXISTENT_PATH');
    let id = 0;
    while (array.hostIds[id] !== undefined) id++;
    for (const p of ids) detachPath(draft, p);
    const host: Host = {
      id,
      name: input.name,
      persona: input.persona ?? DEFAULT_PERSONA,
      fcWwns: kind === 'FC' ? ids : [],
      iscsiNames: kind === 'iSCSI' ? ids : [],
      sets: [],
      ...(input.domain !== undefined ? { domain: input.domain } : {}),
      ...(input.descriptors !== undefined ? { descriptors: { ...input.descriptors } } : {}),
    };
    draft.hosts[input.name] = host;
    draft.hostIds[id] = input.name;
    for (const p of ids) draft.hostPaths[p] = input.name;
    return { name: input.name };
  };

export interface ModifyHostInput {
  newName?: string;
  pathOperation?: number;
  FCWWNs?: string[];
  iSCSINames?: string[];
  forcePathRemoval?: boolean;
  persona?: number;
  descriptors?: HostDescriptors;
  chapOperation?: number;
  chapOperationMode?: number;
  chapName?: string;
  chapSecret?: string;
  chapSecretHex?: boolean;
  chapRemoveTargetOnly?: boolean;
}

function checkChapSecret(secret: string, hex: boolean): void {
  // 12-16 printable characters, or 32 hex digits when chapSecretHex (G131 p77).
  if (hex ? !/^[0-9A-Fa-f]{32}$/.test(secret) : secret.length < 12 || secret.length > 16) fail('INV_INPUT_BAD_LENGTH', { ref: 'chapSecret' });
}

export const modifyHost =
  (input: { name: string; changes: ModifyHostInput }): Command<{ name: string }> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const draft = arrayOf(fabric, ctx);
    const array = snapshotOf<ArrayState>(draft);
    const ch = input.changes;
    const host = getHost(array, input.name);
    const hasPaths = ch.FCWWNs !== undefined || ch.iSCSINames !== undefined;
    if (ch.pathOperation !== undefined && ![1, 2].includes(ch.pathOperation)) fail('INV_INPUT_BAD_ENUM_VALUE', { ref: 'pathOperation' });
    if (ch.pathOperation !== undefined && !hasPaths) fail('INV_INPUT_ONE_REQUIRED', { ref: 'FCWWNs,iSCSINames' });
    if (hasPaths && ch.pathOperation === undefined) fail('INV_INPUT_MISSING_REQUIRED', { ref: 'pathOperation' });
    if (ch.persona !== undefined && !PERSONAS.includes(ch.persona)) fail('INV_INPUT_BAD_ENUM_VALUE', { ref: 'persona' });
    if (ch.newName !== undefined) checkName(ch.newName, 31, 'newName');
    checkDescriptors(ch.descriptors);
    const d = draft.hosts[input.name]!;

    if (hasPaths) {
      const { ids } = normalizedPaths(ch);
      if (ch.pathOperation === PATH_OPERATION.ADD) {
        for (const id of ids) {
          const owner = array.hostPaths[id];
          if (owner === host.name) fail('INV_INPUT_DUP_PATH');
          if (owner !== undefined) fail('EXISTENT_PATH');
        }
        for (const id of ids) {
          if (ch.FCWWNs !== undefined) d.fcWwns.push(id);
          else d.iscsiNames.push(id);
          draft.hostPaths[id] = host.name;
        }
        if (d.fcWwns.length + d.iscsiNames.length > MAX_PATHS) fail('INV_INPUT_TOO_MANY_WWN_OR_iSCSI');
      } else {
        for (const id of ids) if (array.hostPaths[id] !== host.name) fail('NON_EXISTENT_PATH');
        // Paths of a host with exports go only when forced (forcePathRemoval; the client docstring's EXPORTED_VLUN).
        if (!ch.forcePathRemoval && hostIsExported(array, host)) fail('EXPORTED_VLUN');
        for (const id of ids) detachPath(draft, id);
      }
    }
    if (ch.persona !== undefined && ch.persona !== host.persona && hostIsExported(array, host)) fail('EXPORTED_VLUN');
    if (ch.persona !== undefined) d.persona = ch.persona;
    if (ch.descriptors !== undefined) d.descriptors = { ...(d.descriptors ?? {}), ...ch.descriptors };

    if (ch.chapOperation !== undefined) {
      if (![1, 2].includes(ch.chapOperation)) fail('INV_INPUT_BAD_ENUM_VALUE', { ref: 'chapOperation' });
      if (ch.chapOperationMode !== undefined && ![1, 2].includes(ch.chapOperationMode)) fail('INV_INPUT_BAD_ENUM_VALUE', { ref: 'chapOperationMode' });
      const mode = ch.chapOperationMode ?? CHAP_MODE.INITIATOR;
      if (ch.chapOperation === PATH_OPERATION.ADD) {
        if (ch.chapName === undefined) fail('INV_INPUT_MISSING_REQUIRED', { ref: 'chapName' });
        if (ch.chapSecret === undefined) fail('INV_INPUT_MISSING_REQUIRED', { ref: 'chapSecret' });
        checkChapSecret(ch.chapSecret, ch.chapSecretHex === true);
        const chap: Chap = { name: ch.chapName, secret: ch.chapSecret, hex: ch.chapSecretHex === true };
        if (mode === CHAP_MODE.TARGET) {
          // Target (mutual) CHAP needs initiator CHAP first, and a secret of its own.
          if (!host.initiatorChap) fail('NO_INITIATOR_CHAP');
          if (host.initiatorChap.secret === chap.secret) fail('NON_UNIQUE_CHAP_SECRET');
          d.targetChap = chap;
        } else {
          if (host.targetChap && host.targetChap.secret === chap.secret) fail('NON_UNIQUE_CHAP_SECRET');
          d.initiatorChap = chap;
        }
      } else if (ch.chapRemoveTargetOnly || mode === CHAP_MODE.TARGET) {
        if (!host.targetChap) fail('NON_EXISTENT_CHAP');
        delete d.targetChap;
      } else {
        if (!host.initiatorChap) fail('NON_EXISTENT_CHAP');
        delete d.initiatorChap;
        delete d.targetChap;
      }
    } else if (ch.chapName !== undefined || ch.chapSecret !== undefined) {
      fail('INV_INPUT_MISSING_REQUIRED', { ref: 'chapOperation' });
    }

    if (ch.newName !== undefined && ch.newName !== input.name) {
      if (array.hosts[ch.newName]) fail('EXISTENT_HOST');
      renameHost(draft, input.name, ch.newName);
      return { name: ch.newName };
    }
    return { name: input.name };
  };

function renameHost(array: Draft<ArrayState>, from: string, to: string): void {
  const h = array.hosts[from]!;
  h.name = to;
  array.hosts[to] = h;
  delete array.hosts[from];
  array.hostIds[h.id] = to;
  for (const p of [...h.fcWwns, ...h.iscsiNames]) array.hostPaths[p] = to;
  for (const s of h.sets) {
    const set = array.hostSets[s];
    if (set) set.members = set.members.map((m) => (m === from ? to : m));
  }
  renameInTemplates(array, 'hostname', from, to);
}

/** Is any VLUN template exporting to this host, directly or through one of its host sets? */
export function hostIsExported(array: ArrayState, host: Host): boolean {
  const targets = new Set([host.name, ...host.sets.map((s) => `set:${s}`)]);
  return Object.values(array.vluns).some((t) => t.hostname !== undefined && targets.has(t.hostname));
}

export const deleteHost =
  (input: { name: string }): Command<void> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const draft = arrayOf(fabric, ctx);
    const array = snapshotOf<ArrayState>(draft);
    const host = getHost(array, input.name);
    if (Object.values(array.vluns).some((t) => t.hostname === host.name)) fail('EXPORTED_VLUN');
    if (host.sets.length > 0) fail('HOST_IN_SET');
    for (const p of [...host.fcWwns, ...host.iscsiNames]) delete draft.hostPaths[p];
    delete draft.hostIds[host.id];
    delete draft.hosts[input.name];
  };
