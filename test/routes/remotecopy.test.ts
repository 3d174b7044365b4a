import { describe, expect, it } from 'vitest';
import { RC_SYNC_STATUS, RC_TARGET_STATE } from '../../contracts/enums.ts';
import { emulator, InProcessClient } from '../helpers.ts';

/** The pair fixture: `primary` (3par-emu-01, id 99801) and `secondary` (3par-emu-02), one RCIP link between them. */
async function pair() {
  const emu = emulator({ fixture: 'pair' });
  const a = new InProcessClient(emu, 'primary');
  const b = new InProcessClient(emu, 'secondary');
  await a.login();
  await b.login();
  const control = (c: InProcessClient, method: string, path: string, body?: unknown) => c.request(method, `/_emulator${path}`, body);
  return { emu, a, b, control };
}

/** A started sync group `rcg` holding `v1` (secondary auto-created as `v1` on the partner). */
async function startedGroup(mode = 1) {
  const p = await pair();
  await p.a.post('/volumes', { name: 'v1', cpg: 'FC_r1', snapCPG: 'FC_r1', sizeMiB: 1024, tpvv: true });
  expect((await p.a.post('/remotecopygroups', { name: 'rcg', targets: [{ targetName: '3par-emu-02', mode, userCPG: 'FC_r1', snapCPG: 'FC_r1' }], localUserCPG: 'FC_r1', localSnapCPG: 'FC_r1' })).status).toBe(201);
  const admit = await p.a.put('/remotecopygroups/rcg', { action: 1, volumeName: 'v1', targets: [{ targetName: '3par-emu-02', secVolumeName: 'v1' }], volumeAutoCreation: true });
  expect(admit.status).toBe(200);
  expect((await p.a.put('/remotecopygroups/rcg', { action: 3 })).status).toBe(200);
  return p;
}

describe('remote copy', () => {
  it('creates the group on the primary and its `.r<system id>` partner on the target, answering 201 with a Location', async () => {
    const { a, b } = await pair();
    const r = await a.post('/remotecopygroups', { name: 'rcg', targets: [{ targetName: '3par-emu-02', mode: 1, userCPG: 'FC_r1' }], localUserCPG: 'FC_r1' });
    expect(r.status).toBe(201);
    expect(r.headers.get('location')).toBe('/api/v1/remotecopygroups/rcg');
    const g = (await a.get('/remotecopygroups/rcg')).body;
    expect(g).toMatchObject({ name: 'rcg', role: 1, remoteGroupName: 'rcg.r99801', localUserCPG: 'FC_r1', volumes: [] });
    expect(Object.keys(g)).toEqual(['name', 'id', 'role', 'remoteGroupName', 'localUserCPG', 'volumes', 'targets', 'links']);
    expect(g.targets[0]).toMatchObject({ targetName: '3par-emu-02', target: '3par-emu-02', roleReversed: false, mode: 1, remoteUserCPG: 'FC_r1' });
    expect('syncPeriod' in g.targets[0]).toBe(false);
    const partnerGroup = (await b.get('/remotecopygroups/rcg.r99801')).body;
    expect(partnerGroup).toMatchObject({ role: 2, remoteGroupName: 'rcg', localUserCPG: 'FC_r1' });
    expect(partnerGroup.targets[0].targetName).toBe('3par-emu-01');
  });

  it.each([
    ['a duplicate name', { name: 'rcg', targets: [{ targetName: '3par-emu-02', mode: 1 }] }, 409, 237],
    ['an unknown target', { name: 'x', targets: [{ targetName: 'nowhere', mode: 1 }] }, 403, 194],
    ['a bad mode', { name: 'x', targets: [{ targetName: '3par-emu-02', mode: 9 }] }, 400, 46],
    ['an unknown remote CPG', { name: 'x', targets: [{ targetName: '3par-emu-02', mode: 1, userCPG: 'NOPE' }] }, 404, 15],
    ['an illegal name', { name: 'bad name', targets: [{ targetName: '3par-emu-02', mode: 1 }] }, 400, 69],
  ])('refuses %s and changes nothing', async (_w, body, status, code) => {
    const { a, b, control } = await pair();
    await a.post('/remotecopygroups', { name: 'rcg', targets: [{ targetName: '3par-emu-02', mode: 1 }] });
    const before = (await control(a, 'GET', '/state')).body;
    const r = await a.post('/remotecopygroups', body);
    expect([r.status, r.body.code]).toEqual([status, code]);
    expect((await control(a, 'GET', '/state')).body).toEqual(before);
    expect((await b.get('/remotecopygroups')).body.total).toBe(1);
  });

  it('admits with an auto-created secondary, starts, and replicates host writes synchronously', async () => {
    const { a, b, control } = await startedGroup();
    const g = (await a.get('/remotecopygroups/rcg')).body;
    expect(g.targets[0].state).toBe(RC_TARGET_STATE.STARTED);
    expect(g.volumes[0]).toMatchObject({ localVolumeName: 'v1', remoteVolumes: [{ targetName: '3par-emu-02', remoteVolumeName: 'v1', syncStatus: RC_SYNC_STATUS.SYNCED }] });
    expect(typeof g.volumes[0].remoteVolumes[0].volumeLastSyncTimeSec).toBe('number');
    const sec = (await b.get('/volumes/v1')).body;
    expect(sec.sizeMiB).toBe(1024);
    expect(g.volumes[0].remoteVolumes[0].remoteVolumeID).toBe(sec.id);
    await control(a, 'POST', '/volumes/v1/write', { mib: 10 });
    const genA = (await control(a, 'GET', '/volumes/v1')).body.generation;
    expect(genA).toBeGreaterThan(0);
    expect((await control(b, 'GET', '/volumes/v1')).body.generation).toBe(genA);
    // The secondary refuses host writes while it is a secondary.
    const w = await control(b, 'POST', '/volumes/v1/write', { mib: 1 });
    expect(w.status).toBe(403);
  });

  it('ships periodic groups on the virtual clock, not before', async () => {
    const { a, b, control } = await startedGroup(3);
    expect((await a.put('/remotecopygroups/rcg', { targets: [{ targetName: '3par-emu-02', syncPeriod: 300 }] })).status).toBe(200);
    const g = (await a.get('/remotecopygroups/rcg')).body;
    expect(g.targets[0]).toMatchObject({ syncPeriod: 300, policies: { overPeriodAlert: true } });
    await control(a, 'POST', '/volumes/v1/write', { mib: 10 });
    const genA = (await control(a, 'GET', '/volumes/v1')).body.generation;
    expect((await control(b, 'GET', '/volumes/v1')).body.generation).toBeLessThan(genA);
    await control(a, 'POST', '/clock', { advanceSeconds: 301 });
    await a.get('/remotecopygroups/rcg');
    expect((await control(b, 'GET', '/volumes/v1')).body.generation).toBe(genA);
  });

  it('refuses policies and syncPeriod in one target entry (code 44), and a period below 300 s', async () => {
    const { a } = await startedGroup(3);
    const both = await a.put('/remotecopygroups/rcg', { targets: [{ targetName: '3par-emu-02', syncPeriod: 600, policies: { autoRecover: true } }] });
    expect([both.status, both.body.code]).toEqual([400, 44]);
    expect(both.body.desc).toContain('policies, syncPeriod');
    const short = await a.put('/remotecopygroups/rcg', { targets: [{ targetName: '3par-emu-02', syncPeriod: 299 }] });
    expect([short.status, short.body.code]).toEqual([400, 115]);
  });

  it('refuses to start a periodic group beside a started sync group on the same target (code 236)', async () => {
    const { a } = await startedGroup(1);
    await a.post('/volumes', { name: 'p1', cpg: 'FC_r1', snapCPG: 'FC_r1', sizeMiB: 1024, tpvv: true });
    await a.post('/remotecopygroups', { name: 'per', targets: [{ targetName: '3par-emu-02', mode: 3, userCPG: 'FC_r1' }] });
    await a.put('/remotecopygroups/per', { action: 1, volumeName: 'p1', targets: [{ targetName: '3par-emu-02', secVolumeName: 'p1' }], volumeAutoCreation: true });
    const r = await a.put('/remotecopygroups/per', { action: 3 });
    expect([r.status, r.body.code]).toEqual([400, 236]);
    await a.put('/remotecopygroups/rcg', { action: 4 });
    expect((await a.put('/remotecopygroups/per', { action: 3 })).status).toBe(200);
  });

  it('keeps a volume in a started group from being deleted or grown, and a started group from being removed', async () => {
    const { a } = await startedGroup();
    expect((await a.delete('/volumes/v1')).body.code).toBe(120);
    expect((await a.put('/volumes/v1', { action: 3, sizeMiB: 1024 })).body.code).toBe(120);
    const del = await a.delete('/remotecopygroups/rcg');
    expect([del.status, del.body.code]).toEqual([403, 215]);
  });

  it('fails over on the secondary, recovers, and restores the natural direction (cinder failback gate)', async () => {
    const { a, b, control } = await startedGroup();
    // Disaster: the link goes; the primary's writes after that are lost to the secondary.
    await control(a, 'POST', '/links', { up: false });
    await control(a, 'POST', '/volumes/v1/write', { mib: 5 });
    expect((await b.get('/remotecopygroups/rcg.r99801')).body.targets[0].state).toBe(RC_TARGET_STATE.STOPPED);
    // Failover happens on the secondary only.
    const wrongSide = await a.post('/remotecopygroups/rcg', { action: 7 });
    expect(wrongSide.status).toBe(403);
    expect((await b.post('/remotecopygroups/rcg.r99801', { action: 7 })).status).toBe(200);
    const failedOver = (await b.get('/remotecopygroups/rcg.r99801')).body;
    expect([failedOver.role, failedOver.targets[0].roleReversed]).toEqual([1, true]);
    // Both sides primary now: allowed only because of the failover.
    expect((await a.get('/remotecopygroups/rcg')).body.role).toBe(1);
    expect((await control(b, 'POST', '/volumes/v1/write', { mib: 3 })).status).toBe(200);
    const genB = (await control(b, 'GET', '/volumes/v1')).body.generation;
    // Recover needs the link.
    expect((await b.post('/remotecopygroups/rcg.r99801', { action: 9 })).status).toBe(403);
    await control(a, 'POST', '/links', { up: true });
    expect((await b.post('/remotecopygroups/rcg.r99801', { action: 9 })).status).toBe(200);
    const old = (await a.get('/remotecopygroups/rcg')).body;
    expect([old.role, old.targets[0].roleReversed]).toEqual([2, true]);
    expect((await control(a, 'GET', '/volumes/v1')).body.generation).toBe(genB);
    // Restore: back to the natural direction, started and synced.
    expect((await a.post('/remotecopygroups/rcg', { action: 10 })).status).toBe(200);
    const back = (await a.get('/remotecopygroups/rcg')).body;
    expect(back.role).toBe(1);
    for (const t of back.targets) expect([t.roleReversed, t.state]).toEqual([false, RC_TARGET_STATE.STARTED]);
    for (const v of back.volumes) for (const rv of v.remoteVolumes) expect(rv.syncStatus).toBe(RC_SYNC_STATUS.SYNCED);
    expect((await b.get('/remotecopygroups/rcg.r99801')).body.role).toBe(2);
  });

  it('cleans up a failed-over group the way cinder does: mirrorConfig off, stop, dismiss with the secondary volume, delete', async () => {
    const { a, b, control } = await startedGroup();
    await control(a, 'POST', '/links', { up: false });
    await b.post('/remotecopygroups/rcg.r99801', { action: 7 });
    const blocked = await b.delete('/remotecopygroups/rcg.r99801');
    expect(blocked.status).toBe(403);
    expect((await b.put('/remotecopytargets/3par-emu-01', { policies: { mirrorConfig: false } })).status).toBe(200);
    expect((await b.get('/remotecopytargets/3par-emu-01')).body.policies.mirrorConfig).toBe(false);
    expect((await b.put('/remotecopygroups/rcg.r99801', { action: 4 })).status).toBe(200);
    expect((await b.delete('/remotecopygroups/rcg.r99801/volumes/v1?removeSecondaryVolume=true')).status).toBe(200);
    expect((await b.delete('/remotecopygroups/rcg.r99801')).status).toBe(200);
    expect((await b.get('/remotecopygroups/rcg.r99801')).body.code).toBe(187);
  });

  it('lists group volumes, targets, links and the service, and answers 404 code 187 for an unknown group', async () => {
    const { a } = await startedGroup();
    const vols = (await a.get('/remotecopygroups/rcg/volumes')).body;
    expect(vols.total).toBe(1);
    expect((await a.get('/remotecopygroups/rcg/volumes/v1')).body.localVolumeName).toBe('v1');
    expect((await a.get('/remotecopytargets')).body.members).toEqual([{ name: '3par-emu-02', type: 1, policies: { mirrorConfig: true } }]);
    const links = (await a.get('/remotecopylinks')).body;
    expect(links.members.map((l: { name: string }) => l.name)).toEqual(['3par-emu-02_0_3_1', '3par-emu-02_1_3_1']);
    expect((await a.get('/remotecopylinks/3par-emu-02_0_3_1')).status).toBe(200);
    expect((await a.get('/remotecopy')).body).toMatchObject({ mode: 2, status: 1, asyncEnabled: false });
    const missing = await a.get('/remotecopygroups/nope');
    expect([missing.status, missing.body.code]).toEqual([404, 187]);
    const byName = await a.get(`/remotecopygroups?query=${encodeURIComponent('"name LIKE rc*"')}`);
    expect(byName.body.total).toBe(1);
  });

  it('dismisses through PUT action 2 only once the group is stopped', async () => {
    const { a, b } = await startedGroup();
    const started = await a.put('/remotecopygroups/rcg', { action: 2, volumeName: 'v1' });
    expect([started.status, started.body.code]).toEqual([403, 215]);
    await a.put('/remotecopygroups/rcg', { action: 4 });
    // Stopping again is not an error.
    expect((await a.put('/remotecopygroups/rcg', { action: 4 })).status).toBe(200);
    expect((await a.put('/remotecopygroups/rcg', { action: 2, volumeName: 'v1' })).status).toBe(200);
    expect((await a.get('/remotecopygroups/rcg')).body.volumes).toEqual([]);
    expect((await b.get('/volumes/v1')).status).toBe(200);
    expect((await a.put('/remotecopygroups/rcg', { action: 99 })).body.code).toBe(46);
  });

  it('needs snapshot space on both volumes of a pair', async () => {
    const { a, b } = await pair();
    await a.post('/remotecopygroups', { name: 'rcg', targets: [{ targetName: '3par-emu-02', mode: 1, userCPG: 'FC_r1' }] });
    await a.post('/volumes', { name: 'nosnap', cpg: 'FC_r1', sizeMiB: 1024, tpvv: true });
    const admit = (volumeName: string, auto: boolean) =>
      a.put('/remotecopygroups/rcg', { action: 1, volumeName, targets: [{ targetName: '3par-emu-02', secVolumeName: volumeName }], volumeAutoCreation: auto });
    expect((await admit('nosnap', true)).status).toBe(403);
    await a.post('/volumes', { name: 'withsnap', cpg: 'FC_r1', snapCPG: 'FC_r1', sizeMiB: 1024, tpvv: true });
    await b.post('/volumes', { name: 'withsnap', cpg: 'FC_r1', sizeMiB: 1024, tpvv: true });
    expect((await admit('withsnap', false)).status).toBe(403);
    expect((await a.get('/remotecopygroups/rcg')).body.volumes).toEqual([]);
    // Auto-created secondaries get snapshot space from the group's remote CPGs.
    await b.delete('/volumes/withsnap');
    expect((await admit('withsnap', true)).status).toBe(200);
    expect((await b.get('/volumes/withsnap')).body.snapCPG).toBe('FC_r1');
  });
});
