import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RC_MODE, RC_ROLE, RC_SYNC_STATUS, RC_TARGET_STATE } from '../../contracts/enums.ts';
import type { ArrayState, FabricState } from '../../emulator/model/state.ts';
import { emulator, InProcessClient } from '../helpers.ts';
import { checkInvariants } from './invariants.ts';

const SOURCE_ROLES: number[] = [RC_ROLE.PRIMARY, RC_ROLE.PRIMARY_REV];

/** Replication invariants across the pair, whatever was called and whatever failed. */
function checkPair(fabric: FabricState, mirroredThroughout: boolean): void {
  const a = fabric.arrays.primary!;
  const b = fabric.arrays.secondary!;
  for (const [here, there] of [[a, b], [b, a]] as [ArrayState, ArrayState][]) {
    for (const g of Object.values(here.rcGroups)) {
      const p = there.rcGroups[g.remoteGroupName];
      if (p) {
        expect(p.remoteGroupName).toBe(g.name);
        const bothSource = SOURCE_ROLES.includes(g.role) && SOURCE_ROLES.includes(p.role);
        // Both sides primary only after a failover, which leaves one of them Primary-Rev.
        if (bothSource) expect([g.role, p.role]).toContain(RC_ROLE.PRIMARY_REV);
        // …and nothing replicates in that state (it would overwrite what the failover site wrote).
        if (bothSource) expect([...g.targets, ...p.targets].some((t) => t.state === RC_TARGET_STATE.STARTED)).toBe(false);
        expect(!SOURCE_ROLES.includes(g.role) && !SOURCE_ROLES.includes(p.role)).toBe(false);
        // While configuration mirroring stays on, the two groups describe the same volume pairs and mode.
        if (mirroredThroughout) {
          const pairs = (x: typeof g) => x.volumes.map((v) => `${v.localVolumeName}>${v.remoteVolumes[0]!.remoteVolumeName}`).sort();
          expect(pairs(p)).toEqual(pairs(g).map((s) => s.split('>').reverse().join('>')).sort());
          expect(p.targets[0]!.mode).toBe(g.targets[0]!.mode);
        }
      }
      for (const v of g.volumes) {
        const local = here.volumes[v.localVolumeName];
        expect(local?.rcGroup).toBe(g.name);
        if (!SOURCE_ROLES.includes(g.role)) continue;
        const rv = v.remoteVolumes[0]!;
        // Replication never copies a generation the source does not have.
        expect(rv.syncedGeneration).toBeLessThanOrEqual(local!.generation ?? 0);
        const t = g.targets[0]!;
        // In the natural direction a secondary never holds a generation its primary does not have (once synced: an
        // admitted volume's earlier contents are not a copy of anything until the initial sync overwrites them).
        // Both groups must still pair the volumes: with mirroring off a side may dismiss its volume alone.
        const paired = p?.volumes.some((x) => x.localVolumeName === rv.remoteVolumeName) ?? false;
        if (g.role === RC_ROLE.PRIMARY && p?.role === RC_ROLE.SECONDARY && paired && rv.syncStatus !== RC_SYNC_STATUS.NEW) {
          expect(there.volumes[rv.remoteVolumeName]?.generation ?? 0).toBeLessThanOrEqual(local!.generation ?? 0);
        }
        if (t.mode === RC_MODE.SYNC && t.state === RC_TARGET_STATE.STARTED && rv.syncStatus === RC_SYNC_STATUS.SYNCED) {
          expect(there.volumes[rv.remoteVolumeName]?.generation ?? 0).toBe(local!.generation ?? 0);
        }
      }
    }
  }
}

type Side = 'a' | 'b';
const side = fc.constantFrom<Side>('a', 'b');
const groupName = (s: Side) => (s === 'a' ? 'rcg' : 'rcg.r99801');
const vol = fc.constantFrom('v1', 'v2');

const call = fc.oneof(
  fc.constantFrom(1, 3).map((mode) => ({ on: 'a' as Side, m: 'POST', p: '/api/v1/remotecopygroups', b: { name: 'rcg', targets: [{ targetName: '3par-emu-02', mode, userCPG: 'FC_r1', snapCPG: 'FC_r1' }] } })),
  fc.tuple(side, vol, fc.boolean()).map(([s, v, auto]) => ({ on: s, m: 'PUT', p: `/api/v1/remotecopygroups/${groupName(s)}`, b: { action: 1, volumeName: v, targets: [{ targetName: s === 'a' ? '3par-emu-02' : '3par-emu-01', secVolumeName: v }], volumeAutoCreation: auto } })),
  { weight: 2, arbitrary: fc.tuple(side, fc.constantFrom(2, 3, 4, 5)).map(([s, action]) => ({ on: s, m: 'PUT', p: `/api/v1/remotecopygroups/${groupName(s)}`, b: action === 2 ? { action, volumeName: 'v1' } : { action } })) },
  { weight: 4, arbitrary: fc.tuple(side, fc.constantFrom(6, 7, 8, 9, 10)).map(([s, action]) => ({ on: s, m: 'POST', p: `/api/v1/remotecopygroups/${groupName(s)}`, b: { action } })) },
  fc.tuple(side, vol).map(([s, v]) => ({ on: s, m: 'DELETE', p: `/api/v1/remotecopygroups/${groupName(s)}/volumes/${v}?removeSecondaryVolume=true`, b: undefined })),
  side.map((s) => ({ on: s, m: 'DELETE', p: `/api/v1/remotecopygroups/${groupName(s)}`, b: undefined })),
  fc.tuple(side, fc.boolean()).map(([s, on]) => ({ on: s, m: 'PUT', p: `/api/v1/remotecopytargets/${s === 'a' ? '3par-emu-02' : '3par-emu-01'}`, b: { policies: { mirrorConfig: on } } })),
  fc.tuple(side, vol).map(([s, v]) => ({ on: s, m: 'POST', p: `/_emulator/volumes/${v}/write`, b: { mib: 4 } })),
  fc.tuple(side, vol).map(([s, v]) => ({ on: s, m: 'DELETE', p: `/api/v1/volumes/${v}`, b: undefined })),
  { weight: 2, arbitrary: fc.boolean().map((up) => ({ on: 'a' as Side, m: 'POST', p: '/_emulator/links', b: { up } })) },
  fc.boolean().map((autoRecover) => ({ on: 'a' as Side, m: 'PUT', p: '/api/v1/remotecopygroups/rcg', b: { targets: [{ targetName: '3par-emu-02', policies: { autoRecover } }] } })),
  fc.constantFrom(300, 600).map((syncPeriod) => ({ on: 'a' as Side, m: 'PUT', p: '/api/v1/remotecopygroups/rcg', b: { targets: [{ targetName: '3par-emu-02', syncPeriod }] } })),
  fc.integer({ min: 1, max: 900 }).map((advanceSeconds) => ({ on: 'a' as Side, m: 'POST', p: '/_emulator/clock', b: { advanceSeconds } })),
);

describe('remote copy keeps its invariants', () => {
  it('random group operations on both sides: never both primary outside a failover, nothing copied that was not written, failures change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(1, 3), fc.array(call, { minLength: 5, maxLength: 30 }), async (mode, calls) => {
        const emu = emulator({ fixture: 'pair' });
        const clients = { a: new InProcessClient(emu, 'primary'), b: new InProcessClient(emu, 'secondary') };
        await clients.a.login();
        await clients.b.login();
        for (const name of ['v1', 'v2']) await clients.a.post('/volumes', { name, cpg: 'FC_r1', snapCPG: 'FC_r1', sizeMiB: 1024, tpvv: true });
        for (const name of ['v1', 'v2']) await clients.b.post('/volumes', { name, cpg: 'FC_r1', snapCPG: 'FC_r1', sizeMiB: 1024, tpvv: true });
        // Every run starts from a replicating group, so the random calls reach failovers and reversals.
        const prologue = [
          await clients.a.post('/remotecopygroups', { name: 'rcg', targets: [{ targetName: '3par-emu-02', mode, userCPG: 'FC_r1', snapCPG: 'FC_r1' }] }),
          await clients.a.put('/remotecopygroups/rcg', { action: 1, volumeName: 'v1', targets: [{ targetName: '3par-emu-02', secVolumeName: 'v1' }] }),
          await clients.a.put('/remotecopygroups/rcg', { action: 3 }),
        ];
        expect(prologue.map((r) => r.status)).toEqual([201, 200, 200]);
        let mirroredThroughout = true;
        for (const c of calls) {
          // Let due work (periodic syncs) happen first, so `before` is what the call itself starts from.
          await clients.a.get('/remotecopy');
          const before = JSON.stringify(emu.fabric.state.arrays, (k, v) => (k === 'sessions' ? undefined : v));
          const r = await clients[c.on].request(c.m, c.p, c.b);
          expect(r.status).toBeLessThan(500);
          if (r.status >= 400) expect(JSON.stringify(emu.fabric.state.arrays, (k, v) => (k === 'sessions' ? undefined : v))).toBe(before);
          if (r.status < 400 && c.p.startsWith('/api/v1/remotecopytargets/')) mirroredThroughout = false;
          checkPair(emu.fabric.state, mirroredThroughout);
          checkInvariants(emu.fabric.array('primary'));
          checkInvariants(emu.fabric.array('secondary'));
        }
      }),
      { numRuns: 120 },
    );
  });
});
