import { portIdentity } from '../../model/port.ts';
import { type CliCommand } from '../registry.ts';
import { renderTable } from '../table.ts';

/** Ports. */

const PORT_MODE_NAMES: Record<number, string> = { 1: 'suspended', 2: 'target', 3: 'initiator', 4: 'peer' };

const PORT_STATE_NAMES: Record<number, string> = { 1: 'config_wait', 2: 'alpa_wait', 3: 'login_wait', 4: 'ready', 5: 'loss_sync', 6: 'error_state', 7: 'xxx', 8: 'nonparticipate', 9: 'coreredirect', 10: 'offline' };

const PORT_TYPE_NAMES: Record<number, string> = { 1: 'host', 2: 'disk', 3: 'free', 4: 'iport', 5: 'rcfc', 6: 'peer', 7: 'rcip', 8: 'iscsi', 9: 'cna', 10: 'fs' };

const PORT_PROTOCOL_NAMES: Record<number, string> = { 1: 'FC', 2: 'iSCSI', 3: 'FCoE', 4: 'IP', 5: 'SAS', 6: 'NVMe' };

/** `showport` (the fixture's ports) and `showport -iscsivlans` (no VLAN interfaces are modelled: an empty table). */
const showport: CliCommand = {
  name: 'showport',
  access: 'read',
  options: { iscsivlans: {}, iscsi: {}, rcip: {} },
  args: { min: 0, max: 1 },
  usage: 'showport [options] [<node:slot:port>]...',
  run(ctx, cmd) {
    const array = ctx.array();
    if (cmd.options.iscsivlans) {
      return renderTable({ columns: ['N:S:P', 'VLAN', 'IPAddr', 'Netmask/PrefixLen', 'Gateway', 'MTU', 'TPGT', 'STGT', 'iSNS_Addr', 'iSNS_Port'].map((header) => ({ header })), rows: [], total: [0, '', '', '', '', '', '', '', '', ''] }, ctx.csv);
    }
    const ports = (array.profile.ports ?? []).filter((p) => (cmd.args[0] === undefined || p.portPos === cmd.args[0]) && (!cmd.options.rcip || p.type === 7) && (!cmd.options.iscsi || p.protocol === 2));
    const rows = ports.map((p) => {
      const id = portIdentity(array, p);
      const down = array.failedNodes.includes(Number(p.portPos.split(':')[0]));
      return [p.portPos, PORT_MODE_NAMES[p.mode] ?? '', down ? 'offline' : (PORT_STATE_NAMES[p.linkState] ?? ''), id.nodeWWN ?? '-', id.portWWN ?? id.HWAddr ?? '-', PORT_TYPE_NAMES[p.type] ?? '', PORT_PROTOCOL_NAMES[p.protocol] ?? '', p.label ?? '-', p.partnerPos ?? '-', p.partnerPos !== undefined ? 'none' : '-'];
    });
    return renderTable(
      { columns: ['N:S:P', 'Mode', 'State', '----Node_WWN----', '-Port_WWN/HW_Addr-', 'Type', 'Protocol', 'Label', 'Partner', 'FailoverState'].map((header) => ({ header })), rows, total: [ports.length, '', '', '', '', '', '', '', '', ''] },
      ctx.csv,
    );
  },
};

export const portCommands: readonly CliCommand[] = [showport];
