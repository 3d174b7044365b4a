import type { Draft } from 'immer';
import { fail } from './errors.ts';
import { arrayOf, requireRole, snapshotOf, type Command, type CommandContext } from './fabric.ts';
import type { ArrayState, FabricState, RcTarget } from './state.ts';

/**
 * Remote-copy targets and the links between arrays: how each array reaches its partners. Groups and replication
 * build on them (remotecopy.ts).
 */

type FabricDraft = Draft<FabricState>;

export function linkKey(a: string, b: string): string {
  return [a, b].sort().join('|');
}

export function linkUp(fabric: FabricState | FabricDraft, a: string, b: string): boolean {
  return fabric.links?.[linkKey(a, b)]?.up === true;
}

/**
 * A target's links: each local RCIP port (type 7) with the partner's RCIP address at the same position, as an
 * admin pairs them (`admitrcopylink <target> <n:s:p>:<peer address>`).
 */
export function rcTargetLinks(array: ArrayState, target: RcTarget, fabric?: FabricState): { portPos: string; address: string }[] {
  if (target.links) return target.links;
  const local = (array.profile.ports ?? []).filter((p) => p.type === 7);
  const peer = fabric?.arrays[target.peer];
  const remote = (peer?.profile.ports ?? []).filter((p) => p.type === 7);
  return local.map((p, i) => ({ portPos: p.portPos, address: remote[i]?.IPAddr ?? '' }));
}

/** PUT /remotecopytargets/<name> {"policies":{"mirrorConfig":bool}}. */
export const setMirrorConfig =
  (input: { target: string; mirrorConfig: boolean }): Command<void> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const draft = arrayOf(fabric, ctx);
    const t = draft.rcTargets[input.target];
    if (!t) fail('RCOPY_GROUP_INV_TARGET');
    t.policies.mirrorConfig = input.mirrorConfig;
  };

/** Link and target administration refusals (CLI-only commands: the CLI words them). */
export class RcAdminError extends Error {
  constructor(
    readonly reason: 'no-target' | 'link-elsewhere' | 'link-exists' | 'no-link' | 'bad-link' | 'target-in-group' | 'last-target' | 'target-not-in-group',
    readonly subject: string,
  ) {
    super(`${reason}: ${subject}`);
  }
}

function parseLink(spec: string): { portPos: string; address: string } {
  const m = /^(\d+:\d+:\d+):(.+)$/.exec(spec);
  if (!m) throw new RcAdminError('bad-link', spec);
  return { portPos: m[1]!, address: m[2]! };
}

/** The target an admin names, and its links as they stand (an editor's command). */
function targetLinks(fabric: FabricDraft, ctx: CommandContext, name: string) {
  requireRole(ctx, 'edit');
  const array = arrayOf(fabric, ctx);
  const snap = snapshotOf<ArrayState>(array);
  const target = snap.rcTargets[name];
  if (!target) throw new RcAdminError('no-target', name);
  return { array, snap, target, links: rcTargetLinks(snap, target, snapshotOf<FabricState>(fabric)) };
}

/** `admitrcopylink <target> <n:s:p>:<address>…`: a link is a local port and a peer address, owned by one target. */
export const admitRcLinks =
  (input: { target: string; links: string[] }): Command<void> =>
  (fabric, ctx) => {
    const { array, snap, target, links } = targetLinks(fabric, ctx, input.target);
    const next = [...links];
    for (const spec of input.links) {
      const l = parseLink(spec);
      for (const other of Object.values(snap.rcTargets)) {
        if (other.name === target.name) continue;
        if (rcTargetLinks(snap, other, snapshotOf<FabricState>(fabric)).some((x) => x.portPos === l.portPos && x.address === l.address)) throw new RcAdminError('link-elsewhere', spec);
      }
      if (next.some((x) => x.portPos === l.portPos && x.address === l.address)) throw new RcAdminError('link-exists', spec);
      next.push(l);
    }
    array.rcTargets[input.target]!.links = next;
  };

export const dismissRcLinks =
  (input: { target: string; links: string[] }): Command<void> =>
  (fabric, ctx) => {
    const { array, links } = targetLinks(fabric, ctx, input.target);
    let next = links;
    for (const spec of input.links) {
      const l = parseLink(spec);
      if (!next.some((x) => x.portPos === l.portPos && x.address === l.address)) throw new RcAdminError('no-link', spec);
      next = next.filter((x) => !(x.portPos === l.portPos && x.address === l.address));
    }
    array.rcTargets[input.target]!.links = next;
  };

