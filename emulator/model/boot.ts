import { produce, type Draft } from 'immer';
import { SYSTEM_ACTOR, type CommandContext } from './fabric.ts';
import { createCpg, type CreateCpgInput } from './cpg.ts';
import type { ArrayProfile, ArrayState, FabricState, UserAccount } from './state.ts';

/** Copy and promote tasks take this long on the virtual clock unless the control API says otherwise. */
export const DEFAULT_TASK_DURATION_MS = 5_000;

/** One array as a fixture describes it: the static profile plus what an admin had set up before the run. */
export interface ArrayFixture {
  /** how the fabric names this array (e.g. "primary"); defaults to the system name */
  key?: string;
  /** remote-copy targets an admin configured: how this array names a partner array of the fabric */
  remoteCopyTargets?: { name: string; peer: string; type?: number }[];
  profile: ArrayProfile;
  domains?: string[];
  users: UserAccount[];
  cpgs?: CreateCpgInput[];
}

export interface FixtureFile {
  description?: string;
  arrays: ArrayFixture[];
}

export function arrayKeyOf(a: ArrayFixture): string {
  return a.key ?? a.profile.name;
}

/** Collections added over time default to empty when an older exported state lacks them. */
export function withDefaults(a: ArrayState): ArrayState {
  const blank = emptyArray({ profile: a.profile, users: [], key: a.key });
  const out = { ...blank, ...a } as ArrayState;
  if (out.dueMs === null || out.dueMs === undefined) out.dueMs = Number.POSITIVE_INFINITY;
  return out;
}

function emptyArray(a: ArrayFixture): ArrayState {
  const users: Record<string, UserAccount> = {};
  for (const u of a.users) users[u.name] = { name: u.name, password: u.password, role: u.role };
  const domains: ArrayState['domains'] = {};
  (a.domains ?? []).forEach((name, i) => (domains[name] = { id: i + 1, name }));
  return {
    key: arrayKeyOf(a),
    profile: a.profile,
    users,
    sessions: {},
    domains,
    cpgs: {},
    cpgIds: {},
    volumes: {},
    volumeIds: {},
    volumeWwns: {},
    volumeSets: {},
    volumeSetIds: {},
    tasks: {},
    lastTaskId: 0,
    taskDurationMs: DEFAULT_TASK_DURATION_MS,
    taskPolls: 0,
    dueMs: Number.POSITIVE_INFINITY,
    hosts: {},
    hostIds: {},
    hostPaths: {},
    hostSets: {},
    hostSetIds: {},
    vluns: {},
    logins: {},
    qosRules: {},
    failedNodes: [],
    failedDisks: {},
    suspendedLogins: {},
    rcTargets: {},
    rcGroups: {},
  };
}

/** Build the fabric a fixture describes; pre-made objects go through the same commands a client would use. */
export function buildFabric(fixture: FixtureFile, seed: number, nowMs: number): FabricState {
  const initial: FabricState = { formatVersion: 1, seed: seed | 0, rngCounter: 0, arrays: {} };
  return produce(initial, (draft) => {
    for (const a of fixture.arrays) {
      const key = arrayKeyOf(a);
      if (draft.arrays[key]) throw new Error(`fixture names array "${key}" twice`);
      draft.arrays[key] = emptyArray(a) as Draft<ArrayState>;
    }
    for (const a of fixture.arrays) {
      const ctx: CommandContext = { arrayKey: arrayKeyOf(a), nowMs, actor: SYSTEM_ACTOR };
      for (const cpg of a.cpgs ?? []) createCpg(cpg)(draft, ctx);
      (a.remoteCopyTargets ?? []).forEach((t, i) => {
        if (!draft.arrays[t.peer]) throw new Error(`remote-copy target ${t.name} of ${ctx.arrayKey} names no array "${t.peer}"`);
        draft.arrays[ctx.arrayKey]!.rcTargets[t.name] = { id: i + 1, name: t.name, peer: t.peer, type: t.type ?? 1, policies: { mirrorConfig: true } };
        // One link per pair of arrays, up at start.
        const id = [ctx.arrayKey, t.peer].sort().join('|');
        draft.links ??= {};
        draft.links[id] ??= { arrays: [ctx.arrayKey, t.peer].sort() as [string, string], up: true };
      });
    }
  });
}
