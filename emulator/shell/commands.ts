import { createHost, deleteHost, getHost } from '../model/host.ts';
import { createQosRule, modifyQosRule, QOS_TYPE, qosKey } from '../model/qos.ts';
import { admitRcLinks, admitRcTarget, dismissRcLinks, dismissRcTarget, dismissVolume, getRcGroup, RcAdminError, rcTargetLinks } from '../model/remotecopy.ts';
import { iso8601Local, zoneAbbreviation } from '../model/time.ts';
import { allocatedMiB, tierCapacities } from '../model/capacity.ts';
import { createDomain, DomainExistsError } from '../model/domain.ts';
import { expireSession } from '../model/session.ts';
import { portIdentity } from '../model/port.ts';
import { VLUN_TYPE, vlunRows } from '../model/vlun.ts';
import { createSchedule, modifySchedule, removeSchedule, ScheduleError } from '../model/schedule.ts';
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

/** Recorded 3PAR/Alletra `showsys`: hex id, identity, node counts, then raw capacity in MB under a group header. */
const showsys: CliCommand = {
  name: 'showsys',
  access: 'read',
  options: { d: {} },
  args: { min: 0, max: 0 },
  usage: 'showsys [-d]',
  run(ctx) {
    const array = ctx.array();
    const p = array.profile;
    const tiers = Object.values(tierCapacities(array));
    const total = tiers.reduce((a, t) => a + t.totalMiB, 0);
    const alloc = tiers.reduce((a, t) => a + allocatedMiB(t), 0);
    const failed = tiers.reduce((a, t) => a + t.failedMiB, 0);
    const table = renderTable(
      {
        columns: [{ header: 'ID', align: 'right' }, { header: 'Name' }, { header: 'Model' }, { header: 'Serial' }, { header: 'Nodes', align: 'right' }, { header: 'Master', align: 'right' }, { header: 'TotalCap', align: 'right' }, { header: 'AllocCap', align: 'right' }, { header: 'FreeCap', align: 'right' }, { header: 'FailedCap', align: 'right' }],
        rows: [[`0x${p.systemId.toString(16).toUpperCase()}`, p.name, p.model, p.serialNumber, p.nodes, p.masterNode, total, alloc, total - alloc - failed, failed]],
      },
      ctx.csv,
    );
    return ctx.csv ? [',,,,,,(MB),,,', ...table] : [`${' '.repeat(Math.max(0, table[0]!.indexOf('TotalCap')))}----------------(MB)----------------`, ...table];
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
    const name = cmd.args[0]!;
    getHost(ctx.array(), name);
    ctx.run(deleteHost({ name }));
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
    // Scripts look for "has been dismissed from group" (the rest of the line is not in any source found).
    return [`Volume ${volumeName} has been dismissed from group ${group}.`];
  },
};


/** The CLI's words for schedule refusals; the format text is what python-3parclient compares (lower-cased). */
function scheduleRefusal(e: unknown): never {
  if (!(e instanceof ScheduleError)) throw e;
  if (e.reason === 'format') throw new CliError(['The schedule format is <minute> <hour> <dom> <month> <dow> or by @hourly @daily @monthly @weekly @monthly @yearly']);
  if (e.reason === 'exists') throw new CliError([`Error: A schedule with name ${e.subject} already exists`]);
  throw new CliError([`Error: Schedule ${e.subject} does not exist`]);
}

const createsched: CliCommand = {
  name: 'createsched',
  access: 'write',
  options: { f: {}, run: {}, no_alert: {} },
  args: { min: 3, max: 3 },
  usage: 'createsched [options] <cmd> <taskschedule> <schedname>',
  run(ctx, cmd) {
    const [command, when, name] = cmd.args as [string, string, string];
    try {
      ctx.run(createSchedule({ name, command, when }));
    } catch (e) {
      scheduleRefusal(e);
    }
    return [];
  },
};

const setsched: CliCommand = {
  name: 'setsched',
  access: 'write',
  options: { name: { value: true }, s: { value: true }, suspend: {}, resume: {}, f: {} },
  args: { min: 1, max: 1 },
  usage: 'setsched [options] <schedname>',
  run(ctx, cmd) {
    const name = cmd.args[0]!;
    try {
      ctx.run(
        modifySchedule({
          name,
          ...(typeof cmd.options.name === 'string' ? { newName: cmd.options.name } : {}),
          ...(typeof cmd.options.s === 'string' ? { when: cmd.options.s } : {}),
          ...(cmd.options.suspend ? { suspended: true } : cmd.options.resume ? { suspended: false } : {}),
        }),
      );
    } catch (e) {
      scheduleRefusal(e);
    }
    return [];
  },
};

const removesched: CliCommand = {
  name: 'removesched',
  access: 'write',
  options: { f: {}, pat: {} },
  args: { min: 1, max: 1 },
  usage: 'removesched [-f] [-pat] <schedname|pattern>',
  run(ctx, cmd) {
    try {
      ctx.run(removeSchedule({ name: cmd.args[0]! }));
    } catch (e) {
      scheduleRefusal(e);
    }
    return [];
  },
};

const showsched: CliCommand = {
  name: 'showsched',
  access: 'read',
  options: { all: {} },
  args: { min: 0, max: 1 },
  usage: 'showsched [-all] [<schedname>|<pattern>]',
  run(ctx, cmd) {
    const scheds = Object.values(ctx.array().schedules ?? {}).filter((x) => cmd.args[0] === undefined || x.name === cmd.args[0]);
    if (scheds.length === 0) return ['No scheduled tasks listed'];
    const rows = scheds.map((x) => {
      const f = x.when.startsWith('@') ? [x.when, '', '', '', ''] : x.when.split(/\s+/);
      return [x.name, x.command, '0', ...f, x.createdBy, x.suspended ? 'suspended' : 'active', 'Y', '-'];
    });
    return renderTable(
      {
        columns: ['SchedName', 'File/Command', 'Interval', 'Min', 'Hour', 'DOM', 'Month', 'DOW', 'CreatedBy', 'Status', 'Alert', 'NextRunTime'].map((header) => ({ header })),
        rows,
        total: [scheds.length, 'total', '', '', '', '', '', '', '', '', '', ''],
      },
      ctx.csv,
    );
  },
};


/** `showrcopy [links|targets|groups]`: the service (always started here), targets, links and groups. */
const showrcopy: CliCommand = {
  name: 'showrcopy',
  access: 'read',
  options: { d: {} },
  args: { min: 0, max: 2 },
  usage: 'showrcopy [options] [links|groups|targets] [<name>]',
  run(ctx, cmd) {
    const array = ctx.array();
    const what = cmd.args[0];
    const targets = Object.values(array.rcTargets).sort((a, b) => a.id - b.id);
    const links = renderTable(
      {
        columns: ['Target', 'Node', 'Address', 'Status', 'Options'].map((header) => ({ header })),
        rows: [
          ...targets.flatMap((t) => rcTargetLinks(array, t, ctx.fabric()).map((l) => [t.name, l.portPos, l.address, ctx.linkUp(t.peer) ? 'Up' : 'Down', '-'])),
          // Inbound links show as `receive` on the local RCIP ports.
          ...(targets.length > 0 ? (array.profile.ports ?? []).filter((p) => p.type === 7).map((p) => ['receive', p.portPos, p.IPAddr ?? '', 'Up', '-']) : []),
        ],
      },
      ctx.csv,
    );
    if (what === 'links') return links;
    const targetTable = renderTable(
      {
        columns: ['Name', 'ID', 'Type', 'Status', 'Options', 'Policy'].map((header) => ({ header })),
        rows: targets.map((t) => [t.name, t.id, t.type === 2 ? 'FC' : 'IP', ctx.linkUp(t.peer) ? 'ready' : 'failed', '-', t.policies.mirrorConfig ? 'mirror_config' : 'no_mirror_config']),
      },
      ctx.csv,
    );
    if (what === 'targets') return targetTable;
    const groups = Object.values(array.rcGroups).sort((a, b) => a.id - b.id);
    const groupLines = groups.flatMap((g) => [
      ...renderTable({ columns: ['Name', 'Target', 'Status', 'Role', 'Mode'].map((header) => ({ header })), rows: g.targets.map((t) => [g.name, t.targetName, RC_STATE_NAMES[t.state] ?? String(t.state), RC_ROLE_NAMES[g.role] ?? String(g.role), RC_MODE_NAMES[t.mode] ?? String(t.mode)]) }, ctx.csv),
      ...renderTable({ columns: ['LocalVV', 'ID', 'RemoteVV', 'ID', 'SyncStatus'].map((header) => ({ header })), rows: g.volumes.map((v) => [v.localVolumeName, array.volumes[v.localVolumeName]?.id ?? '', v.remoteVolumes[0]?.remoteVolumeName ?? '', v.remoteVolumes[0]?.remoteVolumeID ?? '', RC_SYNC_NAMES[v.remoteVolumes[0]?.syncStatus ?? 0] ?? '']) }, ctx.csv),
      '',
    ]);
    if (what === 'groups') return ['', 'Group Information', '', ...groupLines];
    // python-3parclient's rcopyServiceExists reads the service status on the third line.
    return ['', 'Remote Copy System Information', 'Status: Started, Normal', '', 'Target Information', '', ...targetTable, '', 'Link Information', '', ...links, '', 'Group Information', '', ...groupLines];
  },
};

const RC_STATE_NAMES: Record<number, string> = { 1: 'New', 2: 'Starting', 3: 'Started', 5: 'Stopped' };
const RC_ROLE_NAMES: Record<number, string> = { 1: 'Primary', 2: 'Secondary', 3: 'Primary-Rev', 4: 'Secondary-Rev' };
const RC_MODE_NAMES: Record<number, string> = { 1: 'Sync', 2: 'Periodic', 3: 'Periodic', 4: 'Async' };
const RC_SYNC_NAMES: Record<number, string> = { 1: 'New', 2: 'Syncing', 3: 'Synced', 4: 'NotSynced' };

/** The remote-copy service is started on every emulated array that has targets: starting it again is a no-op. */
const startrcopy: CliCommand = {
  name: 'startrcopy',
  access: 'write',
  options: {},
  args: { min: 0, max: 0 },
  usage: 'startrcopy',
  run: () => [],
};

/** `srstatld -cpg <cpg> -daily|-hourly -btsecs -<n>{m|h|d}`: no I/O is modelled, so every figure is 0. */
const srstatld: CliCommand = {
  name: 'srstatld',
  access: 'read',
  options: { cpg: { value: true }, daily: {}, hourly: {}, hires: {}, btsecs: {}, attime: {} },
  args: { min: 0, max: 1 },
  usage: 'srstatld [options] [<LD_name>|<pattern>]',
  run(ctx, cmd) {
    const array = ctx.array();
    if (typeof cmd.options.cpg === 'string' && !array.cpgs[cmd.options.cpg]) throw new CliError([`Error: CPG ${cmd.options.cpg} not found`]);
    const step = cmd.options.hourly ? 3600 : cmd.options.hires ? 300 : 86_400;
    const hist = /^-(\d*\.?\d+)([mhd])$/.exec(cmd.args[0] ?? '');
    const spanSec = hist ? Number(hist[1]) * { m: 60, h: 3600, d: 86_400 }[hist[2] as 'm' | 'h' | 'd'] : step * 7;
    const now = Math.floor(ctx.nowMs() / 1000 / step) * step;
    const rows: (string | number)[][] = [];
    for (let t = now - spanSec + step; t <= now; t += step) {
      const time = cmd.options.btsecs ? t : cliTime(t * 1000, array.profile.timeZone);
      rows.push([time, t, ...Array(14).fill('0.0')]);
    }
    return [
      ',,IO/s,,,KBytes/s,,,Svct ms,,,IOSz KBytes,,,,',
      ...renderTable({ columns: ['Time', 'Secs', 'Rd', 'Wr', 'Tot', 'Rd', 'Wr', 'Tot', 'Rd', 'Wr', 'Tot', 'Rd', 'Wr', 'Tot', 'QLen', 'AvgBusy%'].map((header) => ({ header })), rows }, true),
    ];
  },
};

const showvv: CliCommand = {
  name: 'showvv',
  access: 'read',
  options: { d: {}, cpg: { value: true } },
  args: { min: 0, max: 1 },
  usage: 'showvv [options] [<VV_name>|<pattern>]',
  run(ctx, cmd) {
    const array = ctx.array();
    const vols = Object.values(array.volumes)
      .filter((v) => (cmd.args[0] === undefined || v.name === cmd.args[0]) && (cmd.options.cpg === undefined || v.userCPG === cmd.options.cpg))
      .sort((a, b) => a.id - b.id);
    if (vols.length === 0) return ['no vv listed'];
    const prov = (p: number, copyType: number) => (copyType === 3 ? 'snp' : ({ 1: 'full', 2: 'tpvv', 6: 'tdvv' } as Record<number, string>)[p] ?? 'tpvv');
    const type = (c: number) => ({ 1: 'base', 2: 'pcopy', 3: 'vcopy' } as Record<number, string>)[c] ?? 'base';
    const rows = vols.map((v) => [v.id, v.name, prov(v.provisioningType, v.copyType), type(v.copyType), v.copyType === 1 ? '---' : array.volumes[array.volumeIds[v.parentId ?? v.physParentId ?? -1] ?? '']?.name ?? '---', v.baseId, v.readOnly ? 'RO' : 'RW', 'normal', v.space.adminReserved, v.space.snapReserved, v.space.userReserved, v.sizeMiB]);
    const sum = (i: number) => rows.reduce((a, r) => a + (r[i] as number), 0);
    return renderTable(
      {
        columns: [{ header: 'Id', align: 'right' }, { header: 'Name' }, { header: 'Prov' }, { header: 'Type' }, { header: 'CopyOf' }, { header: 'BsId', align: 'right' }, { header: 'Rd' }, { header: '-Detailed_State-' }, { header: 'Adm', align: 'right' }, { header: 'Snp', align: 'right' }, { header: 'Usr', align: 'right' }, { header: 'VSize', align: 'right' }],
        rows,
        total: ['', `${vols.length} total`, '', '', '', '', '', '', sum(8), sum(9), sum(10), sum(11)],
      },
      ctx.csv,
    );
  },
};

const showcpg: CliCommand = {
  name: 'showcpg',
  access: 'read',
  options: { d: {} },
  args: { min: 0, max: 1 },
  usage: 'showcpg [options] [<CPG_name>|<pattern>]',
  run(ctx, cmd) {
    const array = ctx.array();
    const cpgs = Object.values(array.cpgs)
      .filter((c) => cmd.args[0] === undefined || c.name === cmd.args[0])
      .sort((a, b) => a.id - b.id);
    if (cpgs.length === 0) return ['no cpg listed'];
    const rows = cpgs.map((c) => [c.id, c.name, 'Normal', c.counts.fpvv + c.counts.tpvv + c.counts.tdvv, 0, c.ld.dataMiB, c.usage.userMiB + c.usage.snapDataMiB, c.ld.adminMiB, c.usage.snapAdminMiB]);
    return renderTable(
      {
        columns: [{ header: 'Id', align: 'right' }, { header: 'Name' }, { header: 'Warn%' }, { header: 'VVs', align: 'right' }, { header: 'TPVVs', align: 'right' }, { header: 'Total_MB', align: 'right' }, { header: 'Used_MB', align: 'right' }, { header: 'Adm_MB', align: 'right' }, { header: 'AdmUsed_MB', align: 'right' }],
        rows,
        total: ['', `${cpgs.length} total`, '', '', '', rows.reduce((a, r) => a + (r[5] as number), 0), rows.reduce((a, r) => a + (r[6] as number), 0), rows.reduce((a, r) => a + (r[7] as number), 0), rows.reduce((a, r) => a + (r[8] as number), 0)],
      },
      ctx.csv,
    );
  },
};


/** The CLI's words for link and target refusals (the "appears to exist on another target" line is a live capture's). */
function rcAdminRefusal(e: unknown): never {
  if (!(e instanceof RcAdminError)) throw e;
  const words: Record<RcAdminError['reason'], string> = {
    'no-target': `Error: Target ${e.subject} does not exist`,
    'link-elsewhere': `Link ${e.subject} appears to exist on another target.`,
    'link-exists': `Error: Link ${e.subject} already exists`,
    'no-link': `Error: Link ${e.subject} does not exist`,
    'bad-link': `Error: Invalid link ${e.subject}: expected <N:S:P>:<IP address or WWN>`,
    'target-in-group': 'Target is already in this group.',
    'last-target': `Error: Target ${e.subject} is the only target of the group and cannot be dismissed`,
    'target-not-in-group': `Error: Target ${e.subject} is not in this group`,
  };
  throw new CliError([words[e.reason]]);
}

const linkCommand = (name: 'admitrcopylink' | 'dismissrcopylink'): CliCommand => ({
  name,
  access: 'write',
  options: {},
  args: { min: 2, max: 16 },
  usage: `${name} <target_name> <N:S:P:IP_address>...`,
  run(ctx, cmd) {
    const [target, ...links] = cmd.args as [string, ...string[]];
    try {
      ctx.run((name === 'admitrcopylink' ? admitRcLinks : dismissRcLinks)({ target, links }));
    } catch (e) {
      rcAdminRefusal(e);
    }
    // python-3parclient treats any output as a failure.
    return [];
  },
});

const admitrcopytarget: CliCommand = {
  name: 'admitrcopytarget',
  access: 'write',
  options: {},
  args: { min: 3, max: 64 },
  usage: 'admitrcopytarget <target_name> <mode> <group_name> [<sec_VV_name>:<tertiary_VV_name>]...',
  run(ctx, cmd) {
    const [target, , group] = cmd.args as [string, string, string];
    try {
      ctx.run(admitRcTarget({ target, group }));
    } catch (e) {
      rcAdminRefusal(e);
    }
    return [];
  },
};

const dismissrcopytarget: CliCommand = {
  name: 'dismissrcopytarget',
  access: 'write',
  options: { f: {} },
  args: { min: 2, max: 2 },
  usage: 'dismissrcopytarget [-f] <target_name> <group_name>',
  run(ctx, cmd) {
    const [target, group] = cmd.args as [string, string];
    try {
      ctx.run(dismissRcTarget({ target, group }));
    } catch (e) {
      rcAdminRefusal(e);
    }
    return [`Target ${target} has been dismissed from group ${group}.`];
  },
};


/** `showwsapi`: python-3parclient's getPortNumber reads the `HTTPS_Port` column. */
const showwsapi: CliCommand = {
  name: 'showwsapi',
  access: 'read',
  options: {},
  args: { min: 0, max: 0 },
  usage: 'showwsapi [-d]',
  run(ctx) {
    const p = ctx.array().profile;
    const w = p.wsapi;
    return renderTable(
      {
        columns: ['-Service-', '-State-', '-HTTP_State-', 'HTTP_Port', '-HTTPS_State-', 'HTTPS_Port', '-Version-', '-------------API_URL--------------'].map((header) => ({ header })),
        rows: [['Enabled', 'Active', w.httpState, w.httpPort, w.httpsState, w.httpsPort, w.version, `https://${p.IPv4Addr}:${w.httpsPort}/api/v1`]],
      },
      ctx.csv,
    );
  },
};

const showwsapisession: CliCommand = {
  name: 'showwsapisession',
  access: 'read',
  options: {},
  args: { min: 0, max: 0 },
  usage: 'showwsapisession',
  run(ctx) {
    const array = ctx.array();
    const sessions = Object.values(array.sessions).sort((a, b) => a.createdMs - b.createdMs);
    return renderTable(
      {
        columns: ['Id', 'Node', '-Name--', '-Role-', '-Client_IP_Addr-', '----Connected_since----', '-State-', '-Session_Type-'].map((header) => ({ header })),
        rows: sessions.map((x) => [x.key, array.profile.masterNode, x.user, x.role, x.clientAddress, cliTime(x.createdMs, array.profile.timeZone), 'active', 'WSAPI']),
        total: [sessions.length, 'total', '', '', '', '', '', ''],
      },
      ctx.csv,
    );
  },
};

/** `removewsapisession [-f] [-pat] [-dr] <id> <user> <ip_address>`: the three must name the same session. */
const removewsapisession: CliCommand = {
  name: 'removewsapisession',
  access: 'write',
  options: { f: {}, pat: {}, dr: {} },
  args: { min: 3, max: 3 },
  usage: 'removewsapisession [options] <id> <user_name> <IP_address>',
  run(ctx, cmd) {
    const [id, user, ip] = cmd.args as [string, string, string];
    const x = ctx.array().sessions[id];
    if (!x || x.user !== user || x.clientAddress !== ip) throw new CliError([`Error: No WSAPI session matches ${id} ${user} ${ip}`]);
    if (!cmd.options.dr) ctx.run(expireSession({ key: id }));
    return [];
  },
};

const createdomain: CliCommand = {
  name: 'createdomain',
  access: 'write',
  options: { comment: { value: true }, vvretentiontimemax: { value: true } },
  args: { min: 1, max: 1 },
  usage: 'createdomain [options] <domain_name>',
  run(ctx, cmd) {
    try {
      ctx.run(createDomain({ name: cmd.args[0]!, ...(typeof cmd.options.comment === 'string' ? { comment: cmd.options.comment } : {}) }));
    } catch (e) {
      if (e instanceof DomainExistsError) throw new CliError([`Error: Domain ${e.domain} already exists`]);
      throw e;
    }
    return [];
  },
};

const showdomain: CliCommand = {
  name: 'showdomain',
  access: 'read',
  options: { d: {} },
  args: { min: 0, max: 1 },
  usage: 'showdomain [-d] [<domain_name>|<pattern>]',
  run(ctx, cmd) {
    const array = ctx.array();
    const domains = Object.values(array.domains)
      .filter((d) => cmd.args[0] === undefined || d.name === cmd.args[0])
      .sort((a, b) => a.id - b.id);
    if (domains.length === 0) return ['No domains listed'];
    return renderTable(
      {
        columns: [{ header: 'ID', align: 'right' }, { header: '-Name-' }, { header: '-CreationTime-' }],
        rows: domains.map((d) => [d.id, d.name, d.createdMs !== undefined ? cliTime(d.createdMs, array.profile.timeZone) : '-']),
        total: ['', `${domains.length} total`, ''],
      },
      ctx.csv,
    );
  },
};


const VLUN_TYPE_NAMES: Record<number, string> = { [VLUN_TYPE.PORT]: 'port', [VLUN_TYPE.HOST]: 'host', [VLUN_TYPE.MATCHED_SET]: 'matched set', [VLUN_TYPE.HOST_SET]: 'host set' };

/** `showvlun [-a|-t] [-host <h>] [-v <vv>]`: active VLUNs (one per logged-in path) and the templates behind them. */
const showvlun: CliCommand = {
  name: 'showvlun',
  access: 'read',
  options: { a: {}, t: {}, host: { value: true }, v: { value: true } },
  args: { min: 0, max: 0 },
  usage: 'showvlun [options]',
  run(ctx, cmd) {
    const array = ctx.array();
    const rows = vlunRows(array).filter(
      (r) => (typeof cmd.options.host !== 'string' || r.hostname === cmd.options.host || r.template.hostname === cmd.options.host) && (typeof cmd.options.v !== 'string' || r.volumeName === cmd.options.v),
    );
    const typeOf = (r: (typeof rows)[number]) => VLUN_TYPE_NAMES[r.template.type] ?? String(r.template.type);
    const active = rows.filter((r) => r.active);
    const templates = rows.filter((r) => !r.active);
    const activeTable = () =>
      renderTable(
        {
          columns: [{ header: 'Lun', align: 'right' }, { header: 'VVName' }, { header: 'HostName' }, { header: '-Host_WWN/iSCSI_Name-' }, { header: 'Port' }, { header: 'Type' }, { header: 'Status' }, { header: 'ID', align: 'right' }],
          rows: active.map((r) => [r.lun, r.volumeName, r.hostname ?? '', r.remoteName ?? '', r.portPos ?? '', typeOf(r), 'active', r.hostname !== undefined ? (array.hosts[r.hostname]?.id ?? '') : '']),
          total: [active.length, 'total', '', '', '', '', '', ''],
        },
        ctx.csv,
      );
    const templateTable = () =>
      renderTable(
        {
          columns: [{ header: 'Lun', align: 'right' }, { header: 'VVName' }, { header: 'HostName' }, { header: '-Host_WWN/iSCSI_Name-' }, { header: 'Port' }, { header: 'Type' }],
          rows: templates.map((r) => [r.lun, r.volumeName, r.template.hostname ?? '', '----------------', r.template.portPos ?? '---', typeOf(r)]),
          total: [templates.length, 'total', '', '', '', ''],
        },
        ctx.csv,
      );
    if (cmd.options.t) return templates.length === 0 ? ['no vluns listed'] : templateTable();
    if (cmd.options.a) return active.length === 0 ? ['no vluns listed'] : activeTable();
    if (rows.length === 0) return ['no vluns listed'];
    return [...(active.length > 0 ? ['Active VLUNs', ...activeTable(), ''] : []), 'VLUN Templates', ...templateTable()];
  },
};

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

export const CLI_COMMANDS: Readonly<Record<string, CliCommand>> = Object.fromEntries(
  [showversion, showsys, showpatch, createhost, removehost, showhost, showhostset, setqos, dismissrcopyvv, createsched, setsched, removesched, showsched, showrcopy, startrcopy, srstatld, showvv, showcpg, linkCommand('admitrcopylink'), linkCommand('dismissrcopylink'), admitrcopytarget, dismissrcopytarget, showwsapi, showwsapisession, removewsapisession, createdomain, showdomain, showvlun, showport].map((c) => [c.name, c]),
);
