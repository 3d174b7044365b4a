import { allocatedMiB, tierCapacities } from '../../model/capacity.ts';
import { createDomain, DomainExistsError } from '../../model/domain.ts';
import { expireSession } from '../../model/session.ts';
import { CliError, type CliCommand } from '../registry.ts';
import { cliTime, renderTable } from '../table.ts';

/** System identity, patches, the WSAPI service and its sessions, domains. */

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

export const systemCommands: readonly CliCommand[] = [showversion, showsys, showpatch, showwsapi, showwsapisession, removewsapisession, createdomain, showdomain];
