import { fail } from './errors.ts';
import { arrayOf, snapshotOf, type Command } from './fabric.ts';
import type { ArrayState, PortFixture } from './state.ts';

export const PORT_TYPE = { HOST: 1, DISK: 2, FREE: 3, IPORT: 4, RCFC: 5, PEER: 6, RCIP: 7, ISCSI: 8, CNA: 9, FS: 10 } as const;
export const PORT_PROTOCOL = { FC: 1, ISCSI: 2, FCOE: 3, IP: 4, SAS: 5, NVME: 6 } as const;
export const PORT_MODE = { SUSPENDED: 1, TARGET: 2, INITIATOR: 3, PEER: 4 } as const;
export const LINK_READY = 4;

export interface PortPos {
  node: number;
  slot: number;
  cardPort: number;
}

export function nsp(p: PortPos): string {
  return `${p.node}:${p.slot}:${p.cardPort}`;
}

export function parseNsp(text: string): PortPos | undefined {
  const m = /^(\d+):(\d+):(\d+)$/.exec(text);
  return m ? { node: +m[1]!, slot: +m[2]!, cardPort: +m[3]! } : undefined;
}

/** node 0-7, slot 0-9, cardPort 1-4 (G131 p91); anything else is a bad port specification. */
export function checkPortPos(p: PortPos): void {
  if (p.node < 0 || p.node > 7 || p.slot < 0 || p.slot > 9 || p.cardPort < 1 || p.cardPort > 4) fail('INV_INPUT_PORT_SPECIFICATION');
}

export function findPort(array: ArrayState, pos: string): PortFixture | undefined {
  return (array.profile.ports ?? []).find((p) => p.portPos === pos);
}

export function getPort(array: ArrayState, pos: string): PortFixture {
  const p = findPort(array, pos);
  if (!p) fail('NON_EXISTENT_PORT');
  return p;
}

/** A port hosts can log in to and VLUNs can be exported through. */
export function isHostTargetPort(p: PortFixture): boolean {
  return p.type === PORT_TYPE.HOST && p.mode === PORT_MODE.TARGET && (p.protocol === PORT_PROTOCOL.FC || p.protocol === PORT_PROTOCOL.ISCSI);
}

const hex6 = (id: number) => id.toString(16).toUpperCase().padStart(6, '0').slice(-6);

/**
 * Identifiers derived from the system id the way recorded arrays show them: host FC ports `2<n><s><p>0002AC<id>`,
 * node `2FF70002AC<id>`; SAS disk ports `50002AC<n><s><p><id>` / node `50002ACFF7<id>`;
 * iSCSI targets `iqn.2000-05.com.3pardata:2<n><s><p>0002ac<id>`.
 */
export function portIdentity(array: ArrayState, p: PortFixture): { nodeWWN?: string; portWWN?: string; HWAddr?: string; iSCSIName?: string } {
  const id = hex6(array.profile.systemId);
  const [n, s, c] = p.portPos.split(':');
  if (p.protocol === PORT_PROTOCOL.SAS) {
    return { nodeWWN: p.nodeWWN ?? `50002ACFF7${id}`, portWWN: p.portWWN ?? `50002AC${n}${s}${c}${id}` };
  }
  if (p.protocol === PORT_PROTOCOL.FC) {
    return { nodeWWN: p.nodeWWN ?? `2FF70002AC${id}`, portWWN: p.portWWN ?? `2${n}${s}${c}0002AC${id}` };
  }
  return {
    // Not from a recording: a stable, unique-per-port MAC in the array's own OUI (I).
    HWAddr: p.HWAddr ?? `0002AC${n}${s}${c}${id.slice(-3)}`,
    ...(p.protocol === PORT_PROTOCOL.ISCSI ? { iSCSIName: p.iSCSIName ?? `iqn.2000-05.com.3pardata:2${n}${s}${c}0002ac${id.toLowerCase()}` } : {}),
  };
}

/** Initiator names as the array stores them: FC WWNs upper-case hex without colons, iSCSI names lower-case. */
export function normalizeInitiator(name: string): { kind: 'FC' | 'iSCSI'; id: string } {
  const hex = name.replace(/:/g, '');
  if (/^[0-9A-Fa-f]{16}$/.test(hex)) return { kind: 'FC', id: hex.toUpperCase() };
  return { kind: 'iSCSI', id: name.toLowerCase() };
}

/** Control API: an initiator logs in on a host port (FC WWNs on FC ports, iSCSI names on iSCSI ports). */
export const loginInitiator =
  (input: { initiator: string; portPos: string; ipAddr?: string }): Command<void> =>
  (fabric, ctx) => {
    const draft = arrayOf(fabric, ctx);
    const array = snapshotOf<ArrayState>(draft);
    const port = getPort(array, input.portPos);
    if (!isHostTargetPort(port)) fail('BAD_PORT_TYPE');
    if (array.failedNodes.includes(Number(input.portPos.split(':')[0]))) fail('NODE_DOWN');
    const { kind, id } = normalizeInitiator(input.initiator);
    if ((kind === 'FC') !== (port.protocol === PORT_PROTOCOL.FC)) fail('BAD_PORT_TYPE');
    const logins = draft.logins[id] ?? [];
    if (!logins.some((l) => l.portPos === input.portPos)) {
      logins.push({ portPos: input.portPos, ...(input.ipAddr !== undefined ? { ipAddr: input.ipAddr } : {}) });
    }
    draft.logins[id] = logins;
  };

/** Control API: an initiator logs out of one port, or of all of them. */
export const logoutInitiator =
  (input: { initiator: string; portPos?: string }): Command<number> =>
  (fabric, ctx) => {
    const draft = arrayOf(fabric, ctx);
    const { id } = normalizeInitiator(input.initiator);
    const current = draft.logins[id];
    if (!current) return 0;
    const keep = input.portPos === undefined ? [] : current.filter((l) => l.portPos !== input.portPos);
    const removed = current.length - keep.length;
    if (keep.length === 0) delete draft.logins[id];
    else draft.logins[id] = keep;
    return removed;
  };
