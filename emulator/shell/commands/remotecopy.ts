import { admitRcTarget, dismissRcTarget, dismissVolume, getRcGroup } from '../../model/remotecopy.ts';
import { admitRcLinks, dismissRcLinks, RcAdminError, rcTargetLinks } from '../../model/rctarget.ts';
import { CliError, type CliCommand } from '../registry.ts';
import { renderTable } from '../table.ts';

/** Remote-copy service, links, targets and group volumes. */

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

export const remotecopyCommands: readonly CliCommand[] = [dismissrcopyvv, showrcopy, startrcopy, linkCommand('admitrcopylink'), linkCommand('dismissrcopylink'), admitrcopytarget, dismissrcopytarget];
