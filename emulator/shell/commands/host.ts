import { createHost, deleteHost, normalizeIqn, normalizeWwn } from '../../model/host.ts';
import { CliError, type CliCommand } from '../registry.ts';
import { renderTable } from '../table.ts';

/** Hosts and host sets. */

/**
 * The CLI commands, one entry each: options, argument counts, access, and a handler that runs the same model
 * commands as the WSAPI routes. Output texts the clients parse are those their sources show (docs/cli-sources.md).
 */
const PERSONA_NAMES: Record<number, string> = { 1: 'Generic', 2: 'Generic-ALUA', 3: 'Generic-legacy', 4: 'HPUX-legacy', 5: 'AIX-legacy', 6: 'EGENERA', 7: 'ONTAP-legacy', 8: 'VMware', 9: 'OpenVMS', 10: 'HPUX', 11: 'WindowsServer', 12: 'AIX' };

const createhost: CliCommand = {
  name: 'createhost',
  access: 'write',
  options: { iscsi: {}, persona: { value: true }, domain: { value: true }, f: {}, add: {} },
  args: { min: 1, max: 64 },
  usage: 'createhost [options] <hostname> [<WWN>...|<iscsi_name>...]',
  run(ctx, cmd) {
    const [name, ...paths] = cmd.args as [string, ...string[]];
    const array = ctx.array();
    // The CLI names the host that already owns an initiator (python-3parclient's findHost reads this).
    for (const raw of paths) {
      const key = cmd.options.iscsi ? normalizeIqn(raw) : normalizeWwn(raw);
      const owner = array.hostPaths[key];
      // A live array's words (fragment quoted in cinder's docs) with the host id in parentheses after a space,
      // as cinder's own fixtures print it and python-3parclient's findHost needs.
      if (owner !== undefined) throw new CliError([`Error: Host ${cmd.options.iscsi ? 'iscsi name' : 'wwn'} ${raw} already used by host ${owner} (${array.hosts[owner]?.id ?? ''})`]);
    }
    const persona = cmd.options.persona !== undefined ? Number(cmd.options.persona) : undefined;
    ctx.run(
      createHost({
        name,
        ...(cmd.options.iscsi ? { iSCSINames: paths } : { FCWWNs: paths }),
        ...(persona !== undefined ? { persona } : {}),
        ...(typeof cmd.options.domain === 'string' ? { domain: cmd.options.domain } : {}),
      }),
    );
    return [];
  },
};

const removehost: CliCommand = {
  name: 'removehost',
  access: 'write',
  options: { rvl: {}, f: {} },
  args: { min: 1, max: 1 },
  usage: 'removehost [options] <hostname>',
  run(ctx, cmd) {
    ctx.run(deleteHost({ name: cmd.args[0]! }));
    return [];
  },
};

const showhost: CliCommand = {
  name: 'showhost',
  access: 'read',
  options: { d: {}, verbose: {}, persona: {} },
  args: { min: 0, max: 1 },
  usage: 'showhost [options] [<hostname>|<pattern>]',
  run(ctx, cmd) {
    const array = ctx.array();
    const hosts = Object.values(array.hosts)
      .filter((h) => cmd.args[0] === undefined || h.name === cmd.args[0])
      .sort((a, b) => a.id - b.id);
    if (hosts.length === 0) return ['No hosts listed'];
    const rows: (string | number)[][] = [];
    for (const h of hosts) {
      const paths = [...h.fcWwns, ...h.iscsiNames];
      const persona = PERSONA_NAMES[h.persona] ?? String(h.persona);
      if (paths.length === 0) rows.push([h.id, h.name, persona, '--', '---', '']);
      paths.forEach((path, i) => rows.push(i === 0 ? [h.id, h.name, persona, path, '---', ''] : ['', '', '', path, '---', '']));
    }
    return renderTable({ columns: [{ header: 'Id', align: 'right' }, { header: 'Name' }, { header: 'Persona' }, { header: '-WWN/iSCSI_Name-' }, { header: 'Port' }, { header: 'IP_addr' }], rows }, ctx.csv);
  },
};

const showhostset: CliCommand = {
  name: 'showhostset',
  access: 'read',
  options: { d: {}, host: {} },
  args: { min: 0, max: 1 },
  usage: 'showhostset [-d] [<setname_or_pattern>] | -host <host_name_or_pattern>',
  run(ctx, cmd) {
    const array = ctx.array();
    let sets = Object.values(array.hostSets).sort((a, b) => a.id - b.id);
    if (cmd.options.host) sets = sets.filter((s) => cmd.args[0] === undefined || s.members.includes(cmd.args[0]));
    else if (cmd.args[0] !== undefined) sets = sets.filter((s) => s.name === cmd.args[0]);
    if (sets.length === 0) return ['No host set listed'];
    const rows: (string | number)[][] = [];
    for (const s of sets) {
      if (s.members.length === 0) rows.push([s.id, s.name, '--']);
      s.members.forEach((m, i) => rows.push(i === 0 ? [s.id, s.name, m] : ['', '', m]));
    }
    return renderTable({ columns: [{ header: 'Id', align: 'right' }, { header: 'Name' }, { header: 'Members' }], rows, total: [sets.length, 'total', ''] }, ctx.csv);
  },
};

export const hostCommands: readonly CliCommand[] = [createhost, removehost, showhost, showhostset];
