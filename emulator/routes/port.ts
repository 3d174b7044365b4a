import { fail } from '../model/errors.ts';
import { LINK_READY, PORT_PROTOCOL, PORT_TYPE, checkPortPos, getPort, parseNsp, portIdentity } from '../model/port.ts';
import type { ArrayState, PortFixture } from '../model/state.ts';
import { arrayState, reply, type Ctx, type Handler } from './context.ts';

function pos(text: string) {
  const p = parseNsp(text)!;
  return { node: p.node, slot: p.slot, cardPort: p.cardPort };
}

/** Hosts with an initiator logged in on this port, as the port's `device` list shows them. */
function devices(array: ArrayState, port: PortFixture): string[] {
  if (port.type === PORT_TYPE.DISK) return port.linkState === LINK_READY ? [`cage${Number(port.portPos.split(':')[0]) % Math.max(1, array.profile.cages)}`] : [];
  const names = new Set<string>();
  for (const [initiator, logins] of Object.entries(array.logins)) {
    if (!logins.some((l) => l.portPos === port.portPos)) continue;
    const owner = array.hostPaths[initiator];
    if (owner) names.add(owner);
  }
  return [...names].sort();
}

/**
 * A port in the recorded member order: portPos, mode, linkState, WWNs (FC/SAS) or HWAddr (IP), type, protocol,
 * label, partnerPos + failoverState (host ports), device; IP/iSCSI ports then IPAddr, and iSCSI ones iSCSIName and
 * iSCSIPortInfo (whose `vlan` python-3parclient reads).
 */
export function renderPort(array: ArrayState, p: PortFixture): Record<string, unknown> {
  const id = portIdentity(array, p);
  // A port on a failed node is OFFLINE (10).
  const down = array.failedNodes.includes(Number(p.portPos.split(':')[0]));
  const out: Record<string, unknown> = { portPos: pos(p.portPos), mode: p.mode, linkState: down ? 10 : p.linkState, ...id };
  delete out.iSCSIName;
  out.type = p.type;
  out.protocol = p.protocol;
  if (p.label !== undefined) out.label = p.label;
  if (p.partnerPos !== undefined) {
    out.partnerPos = pos(p.partnerPos);
    out.failoverState = 1;
  }
  out.device = devices(array, p);
  if (p.protocol === PORT_PROTOCOL.IP || p.protocol === PORT_PROTOCOL.ISCSI) out.IPAddr = p.IPAddr ?? '0.0.0.0';
  if (p.protocol === PORT_PROTOCOL.ISCSI) {
    out.iSCSIName = id.iSCSIName;
    out.iSCSIPortInfo = {
      IPAddr: p.IPAddr ?? '0.0.0.0',
      iSCSIName: id.iSCSIName,
      netmask: '255.255.255.0',
      gateway: '0.0.0.0',
      mtu: 1500,
      stgt: 21,
      iSNSPort: 3205,
      iSNSAddr: '0.0.0.0',
      rate: '10Gbps',
      tpgt: Number(p.portPos.replaceAll(':', '')),
      vlan: 0,
    };
  }
  return out;
}

function portParam(c: Ctx): string {
  const raw = c.req.param('nsp') ?? '';
  const p = parseNsp(raw);
  if (!p) fail('INV_INPUT_PORT_SPECIFICATION');
  checkPortPos(p);
  return `${p.node}:${p.slot}:${p.cardPort}`;
}

export const portHandlers: Record<string, Handler> = {
  getPorts(c, s) {
    const array = arrayState(s);
    const members = (array.profile.ports ?? []).map((p) => renderPort(array, p));
    return reply(c, 200, { total: members.length, members });
  },

  getPort(c, s) {
    const array = arrayState(s);
    return reply(c, 200, renderPort(array, getPort(array, portParam(c))));
  },

  getiSCSIVlans(c, s) {
    const array = arrayState(s);
    const p = getPort(array, portParam(c));
    if (p.protocol !== PORT_PROTOCOL.ISCSI) fail('BAD_PORT_TYPE');
    return reply(c, 200, { iSCSIVlans: [] });
  },
};
