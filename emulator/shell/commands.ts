import { createHost, deleteHost, getHost } from '../model/host.ts';
import { createQosRule, modifyQosRule, QOS_TYPE, qosKey } from '../model/qos.ts';
import { dismissVolume, getRcGroup } from '../model/remotecopy.ts';
import { iso8601Local, zoneAbbreviation } from '../model/time.ts';
import { CliError, type CliCommand } from './registry.ts';
import { renderTable } from './table.ts';

/**
 * The CLI commands, one entry each: options, argument counts, access, and a handler that runs the same model
 * commands as the WSAPI routes. Output texts the clients parse are those their sources show (docs/cli-sources.md).
 */

const PERSONA_NAMES: Record<number, string> = { 1: 'Generic', 2: 'Generic-ALUA', 3: 'Generic-legacy', 4: 'HPUX-legacy', 5: 'AIX-legacy', 6: 'EGENERA', 7: 'ONTAP-legacy', 8: 'VMware', 9: 'OpenVMS', 10: 'HPUX', 11: 'WindowsServer', 12: 'AIX' };

function cliTime(ms: number, tz: string): string {
  // `2013-08-21 18:06:45 PDT` style: local date and time, then the zone's abbreviation.
  const iso = iso8601Local(Math.floor(ms / 1000), tz);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} ${zoneAbbreviation(ms, tz)}`;
}

const showversion: CliCommand = {
  name: 'showversion',
  access: 'read',
  options: { a: {}, b: {}, s: {} },
  args: { min: 0, max: 0 },
  usage: 'showversion [-a|-b] [-s]',
  run(ctx, cmd) {
    const p = ctx.array().profile;
    if (cmd.options.s) return [p.systemVersion];
    return [`Release version ${p.systemVersion}`, `Patches:  ${p.patches ?? 'None'}`, '', 'Component Name                   Version', `CLI Server                       ${p.systemVersion}`, `CLI Client                       ${p.systemVersion}`];
  },
};

const showsys: CliCommand = {
  name: 'showsys',
  access: 'read',
  options: { d: {} },
  args: { min: 0, max: 0 },
  usage: 'showsys [-d]',
  run(ctx) {
    const p = ctx.array().profile;
    return renderTable(
      {
        columns: [{ header: 'ID', align: 'right' }, { header: '-Name-' }, { header: '---Model----' }, { header: '-Serial-' }, { header: 'Nodes', align: 'right' }, { header: 'Master', align: 'right' }],
        rows: [[p.systemId, p.name, p.model, p.serialNumber, p.nodes, p.masterNode]],
      },
      ctx.csv,
    );
  },
};

/** The fixture's patch list, installed (as the array records it) when the fabric was built. */
function patches(ctx: Parameters<CliCommand['run']>[0]): string[] {
  return (ctx.array().profile.patches ?? '').split(',').map((x) => x.trim()).filter(Boolean);
}

const showpatch: CliCommand = {
  name: 'showpatch',
  access: 'read',
  options: { hist: {}, d: {} },
  args: { min: 0, max: 1 },
  usage: 'showpatch [-hist] | [-d <patch_id>]',
  run(ctx, cmd) {
    const p = ctx.array().profile;
    const list = patches(ctx);
    if (cmd.options.d || cmd.args.length === 1) {
      const id = cmd.args[0];
      if (id === undefined) throw new CliError([`Usage: ${this.usage}`]);
      if (!list.includes(id)) throw new CliError([`Patch ${id} not recognized.`]);
      return [`Patch detail info for ${id}:`, `Patch id:     ${id}`, `Release version: ${p.systemVersion}`];
    }
    if (list.length === 0) return ['No patch is applied to the system.'];
    // Installed when the array was set up: its licence issue time stands in for it (I).
    const at = cliTime(p.licenseInfo.issueTimeSec * 1000, p.timeZone);
    if (cmd.options.hist) {
      return renderTable({ columns: [{ header: 'InstallTime' }, { header: 'Id' }, { header: 'Package' }, { header: 'Version' }], rows: list.map((id) => [at, id, 'Complete', p.systemVersion]) }, ctx.csv);
    }
    return renderTable({ columns: [{ header: 'Id' }, { header: 'Version' }], rows: list.map((id) => [id, p.systemVersion]) }, ctx.csv);
  },
};

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
      const key = cmd.options.iscsi ? raw.toLowerCase() : raw.replace(/:/g, '').toUpperCase();
      const owner = array.hostPaths[key];
      if (owner !== undefined) throw new CliError([`Error: ${cmd.options.iscsi ? 'iSCSI name' : 'WWN'} ${raw} already used by host ${owner}`]);
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
    const name = cmd.args[0]!;
    getHost(ctx.array(), name);
    ctx.run(deleteHost({ name }));
    return ['Removing host ' + name];
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

/** `setqos [-io <n>] [-bw <n>[K|M|G]] vvset:<name>`: creates the rule or changes it, as the CLI does. */
const setqos: CliCommand = {
  name: 'setqos',
  access: 'write',
  options: { io: { value: true }, bw: { value: true }, pri: { value: true }, lt: { value: true }, on: {}, off: {}, clear: {} },
  args: { min: 1, max: 1 },
  usage: 'setqos [options] [{vvset|domain}:{<name>|<pattern>}|sys:all_others]...',
  run(ctx, cmd) {
    const target = cmd.args[0]!;
    const m = /^(vvset|sys):(.+)$/.exec(target);
    if (!m) throw new CliError([`Error: no matching QoS target found for ${target}`]);
    const type = m[1] === 'sys' ? QOS_TYPE.SYS : QOS_TYPE.VVSET;
    const name = m[2]!;
    if (type === QOS_TYPE.VVSET && !ctx.array().volumeSets[name]) throw new CliError([`no matching QoS target found for ${target}`]);
    // `-io <min>-<max>` or `-io <max>`; one value is taken as both goal and limit (I: the WSAPI needs the pair).
    const settings: { ioMinGoal?: number; ioMaxLimit?: number; bwMinGoalKB?: number; bwMaxLimitKB?: number; enable?: boolean } = {};
    if (typeof cmd.options.io === 'string') {
      const r = /^(\d+)(?:-(\d+))?$/.exec(cmd.options.io);
      if (!r) throw new CliError([`Error: invalid I/O limit ${cmd.options.io}`]);
      settings.ioMinGoal = Number(r[1]);
      settings.ioMaxLimit = Number(r[2] ?? r[1]);
    }
    if (typeof cmd.options.bw === 'string') {
      const kb = (v: string) => {
        const b = /^(\d+)([KMG]?)$/i.exec(v);
        if (!b) throw new CliError([`Error: invalid bandwidth ${cmd.options.bw}`]);
        return Math.round(Number(b[1]) * { '': 1 / 1024, K: 1, M: 1024, G: 1024 * 1024 }[b[2]!.toUpperCase() as '' | 'K' | 'M' | 'G']);
      };
      const [lo, hi] = cmd.options.bw.split('-');
      settings.bwMinGoalKB = kb(lo!);
      settings.bwMaxLimitKB = kb(hi ?? lo!);
    }
    if (cmd.options.on) settings.enable = true;
    if (cmd.options.off) settings.enable = false;
    const key = qosKey(type, name);
    if (ctx.array().qosRules[key]) ctx.run(modifyQosRule({ key, changes: settings }));
    else ctx.run(createQosRule({ name, type, ...settings }));
    return [];
  },
};

const dismissrcopyvv: CliCommand = {
  name: 'dismissrcopyvv',
  access: 'write',
  options: { f: {}, keepsnap: {}, removevv: {}, pat: {} },
  args: { min: 2, max: 2 },
  usage: 'dismissrcopyvv [options] <VV_name|pattern> <group_name>',
  run(ctx, cmd) {
    const [volumeName, group] = cmd.args as [string, string];
    getRcGroup(ctx.array(), group);
    ctx.run(dismissVolume({ group, volumeName, ...(cmd.options.keepsnap ? { keepSnap: true } : {}), ...(cmd.options.removevv ? { removeSecondaryVolume: true } : {}) }));
    return [`Dismissing volume ${volumeName} from group ${group}`];
  },
};

export const CLI_COMMANDS: Readonly<Record<string, CliCommand>> = Object.fromEntries(
  [showversion, showsys, showpatch, createhost, removehost, showhost, showhostset, setqos, dismissrcopyvv].map((c) => [c.name, c]),
);
