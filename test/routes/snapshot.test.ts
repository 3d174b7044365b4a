import { describe, expect, it } from 'vitest';
import { emulator, loggedIn, T0 } from '../helpers.ts';

async function setup() {
  const emu = emulator();
  const c = await loggedIn(emu);
  await c.post('/volumes', { name: 'base', cpg: 'FC_r1', sizeMiB: 2048, snapCPG: 'FC_r1', tpvv: true });
  return { emu, c };
}

const snap = (c: Awaited<ReturnType<typeof loggedIn>>, source: string, parameters: Record<string, unknown>) =>
  c.post(`/volumes/${source}`, { action: 'createSnapshot', parameters });

describe('snapshots', () => {
  it('creates a snapshot: 201 and Location, family fields, zero space, inherits snapCPG and no userCPG', async () => {
    const { c } = await setup();
    const r = await snap(c, 'base', { name: 's1', readOnly: true, comment: 'first' });
    expect(r.status).toBe(201);
    expect(r.headers.get('location')).toBe('/api/v1/volumes/s1');
    const b = (await c.get('/volumes/base')).body;
    const s = (await c.get('/volumes/s1')).body;
    expect(s).toMatchObject({ provisioningType: 3, copyType: 3, copyOf: 'base', baseId: b.id, parentId: b.id, readOnly: true, snapCPG: 'FC_r1', sizeMiB: 2048, comment: 'first' });
    expect('userCPG' in s).toBe(false);
    expect(s.userSpace).toEqual({ reservedMiB: 0, rawReservedMiB: 0, usedMiB: 0, freeMiB: 0 });
    expect(b.roChildId).toBe(s.id);
    expect('rwChildId' in b).toBe(false);
  });

  it('snapshots of snapshots keep the base id; copyOf names the direct parent', async () => {
    const { c } = await setup();
    await snap(c, 'base', { name: 's1' });
    await snap(c, 's1', { name: 's2' });
    const b = (await c.get('/volumes/base')).body;
    const s1 = (await c.get('/volumes/s1')).body;
    const s2 = (await c.get('/volumes/s2')).body;
    expect(s2).toMatchObject({ baseId: b.id, parentId: s1.id, copyOf: 's1' });
    const q = await c.get(`/volumes?query=${encodeURIComponent('"copyOf EQ base"')}`);
    expect(q.body.members.map((m: { name: string }) => m.name)).toEqual(['s1']);
  });

  it.each([
    ['no snapshot CPG', 'nosnap', { name: 'x' }, 409, 34],
    ['existing name', 'base', { name: 'base' }, 409, 22],
    ['unknown source', 'ghost', { name: 'x' }, 404, 23],
    ['unknown parameter', 'base', { name: 'x', Bad: true }, 400, 12],
    ['missing name', 'base', {}, 400, 40],
  ])('refuses %s', async (_w, source, parameters, status, code) => {
    const { c } = await setup();
    await c.post('/volumes', { name: 'nosnap', cpg: 'FC_r1', sizeMiB: 256 });
    const r = await snap(c, source, parameters);
    expect([r.status, r.body.code]).toEqual([status, code]);
  });

  it('protects a parent: 409 code 32 with a read-write child, 25 with only read-only ones', async () => {
    const { c } = await setup();
    await snap(c, 'base', { name: 'ro', readOnly: true });
    expect((await c.delete('/volumes/base')).body.code).toBe(25);
    await snap(c, 'base', { name: 'rw' });
    expect((await c.delete('/volumes/base')).body.code).toBe(32);
    expect((await c.delete('/volumes/rw')).status).toBe(200);
    expect((await c.delete('/volumes/ro')).status).toBe(200);
    expect((await c.delete('/volumes/base')).status).toBe(200);
  });

  it('keeps a retained snapshot (409) and removes an expired one when the clock passes its time', async () => {
    const { emu, c } = await setup();
    await snap(c, 'base', { name: 'kept', retentionHours: 1, expirationHours: 2 });
    const r = await c.delete('/volumes/kept');
    expect(r.status).toBe(409);
    const s = (await c.get('/volumes/kept')).body;
    expect(s.expirationTimeSec).toBe(Math.floor(T0 / 1000) + 7200);
    expect(s.retentionTimeSec).toBe(Math.floor(T0 / 1000) + 3600);
    emu.fabric.clock.advance(2 * 3_600_000);
    await c.login(); // two idle hours outlived the session too
    expect((await c.get('/volumes/kept')).status).toBe(404);
    expect((await c.get('/volumes/base')).body.roChildId).toBeUndefined();
  });

  it('copies on write into the base snapshot space once snapshots exist, and frees it with the last one', async () => {
    const { emu, c } = await setup();
    const write = (name: string, mib: number) => emu.app().request(`/_emulator/volumes/${name}/write`, { method: 'POST', body: JSON.stringify({ mib }) });
    await write('base', 500);
    expect((await c.get('/volumes/base')).body.snapshotSpace.usedMiB).toBe(0);
    await snap(c, 'base', { name: 's' });
    await write('base', 300);
    expect((await c.get('/volumes/base')).body.snapshotSpace.usedMiB).toBe(300);
    expect((await c.get('/cpgs/FC_r1')).body.SDUsage.usedMiB).toBeGreaterThanOrEqual(1024);
    await c.delete('/volumes/s');
    expect((await c.get('/volumes/base')).body.snapshotSpace.usedMiB).toBe(0);
  });
});

describe('tasks: physical copies and promote', () => {
  it('runs an online copy as a task that moves from active to done on the clock', async () => {
    const { emu, c } = await setup();
    const r = await c.post('/volumes/base', { action: 'createPhysicalCopy', parameters: { destVolume: 'clone', destCPG: 'FC_r1', online: true, tpvv: true } });
    expect(r.status).toBe(201);
    expect(r.headers.get('location')).toBe('/api/v1/volumes/clone');
    const id = r.body.taskid;
    expect(Number.isInteger(id)).toBe(true);
    const active = (await c.get(`/tasks/${id}`)).body;
    expect(active).toMatchObject({ id, type: 18, name: 'clone', status: 2, user: '3paradm', finishTime: '-' });
    const clone = (await c.get('/volumes/clone')).body;
    expect(clone.copyType).toBe(2);
    expect(clone.additionalStates).toEqual([13]);
    const helper1 = (await c.get(`/volumes/${clone.copyOf}`)).body;
    const helper2 = (await c.get(`/volumes/${helper1.copyOf}`)).body;
    expect(helper2.copyOf).toBe('base');
    // Deleting the destination of a running online copy: 409 code 151 (what cinder branches on).
    expect(await c.delete('/volumes/clone').then((x) => [x.status, x.body.code])).toEqual([409, 151]);
    emu.fabric.clock.advance(5000);
    const done = (await c.get(`/tasks/${id}`)).body;
    expect(done.status).toBe(1);
    expect(done.completedSteps).toBe(done.totalSteps);
    const after = (await c.get('/volumes/clone')).body;
    expect(after.copyType).toBe(1);
    expect('copyOf' in after).toBe(false);
    expect((await c.get(`/volumes/${clone.copyOf}`)).status).toBe(404);
    expect((await c.delete('/volumes/base')).status).toBe(200);
  });

  it('cancels an online copy through PUT /tasks/<id>; the client can then delete the destination and helpers', async () => {
    const { c } = await setup();
    const { taskid } = (await c.post('/volumes/base', { action: 'createPhysicalCopy', parameters: { destVolume: 'cl', destCPG: 'FC_r1', online: true } })).body;
    expect((await c.put(`/tasks/${taskid}`, { action: 1 })).status).toBe(200);
    expect((await c.get(`/tasks/${taskid}`)).body.status).toBe(3);
    expect((await c.put(`/tasks/${taskid}`, { action: 1 })).status).toBe(400);
    const d = (await c.get('/volumes/cl')).body;
    const h1 = (await c.get(`/volumes/${d.copyOf}`)).body;
    for (const n of ['cl', h1.name, h1.copyOf]) expect((await c.delete(`/volumes/${n}`)).status).toBe(200);
  });

  it('copies offline into an existing volume, keeps the snapshot for resync, and stops the relation', async () => {
    const { emu, c } = await setup();
    await c.post('/volumes', { name: 'dst', cpg: 'FC_r1', sizeMiB: 2048 });
    await c.post('/volumes', { name: 'small', cpg: 'FC_r1', sizeMiB: 256 });
    expect((await c.post('/volumes/base', { action: 'createPhysicalCopy', parameters: { destVolume: 'small' } })).status).toBe(409);
    expect((await c.post('/volumes/base', { action: 'createPhysicalCopy', parameters: { destVolume: 'nope' } })).body.code).toBe(23);
    const r = await c.post('/volumes/base', { action: 'createPhysicalCopy', parameters: { destVolume: 'dst', saveSnapshot: true, priority: 1 } });
    expect(r.status).toBe(201);
    expect((await c.get(`/tasks/${r.body.taskid}`)).body).toMatchObject({ type: 1, priority: 1 });
    emu.fabric.clock.advance(5000);
    const dst = (await c.get('/volumes/dst')).body;
    expect(dst).toMatchObject({ copyType: 2, physParentId: (await c.get('/volumes/base')).body.id });
    const resync = await c.put('/volumes/dst', { action: 2 });
    expect(resync.status).toBe(200);
    expect((await c.get(`/tasks/${resync.body.taskid}`)).body.type).toBe(2);
    expect((await c.put('/volumes/dst', { action: 1 })).status).toBe(200);
    expect((await c.get('/volumes/dst')).body.copyType).toBe(1);
    expect((await c.put('/volumes/dst', { action: 2 })).status).toBe(403);
  });

  it('promotes a snapshot onto its base as a task; stop-promote without one is 409 code 185', async () => {
    const { emu, c } = await setup();
    await snap(c, 'base', { name: 'p' });
    expect((await c.put('/volumes/p', { action: 5 })).body.code).toBe(185);
    const r = await c.put('/volumes/p', { action: 4 });
    expect(r.status).toBe(200);
    expect(r.body.links[0].rel).toBe('self');
    expect((await c.get(`/tasks/${r.body.taskid}`)).body).toMatchObject({ type: 4, status: 2 });
    expect((await c.put('/volumes/base', { action: 3, sizeMiB: 1024 })).body.code).toBe(151);
    expect((await c.put('/volumes/p', { action: 4, online: true, priority: 1 })).status).toBe(409);
    emu.fabric.clock.advance(5000);
    expect((await c.get(`/tasks/${r.body.taskid}`)).body.status).toBe(1);
    expect((await c.put('/volumes/base', { action: 4 })).status).toBe(409);
  });

  it('ends a task as failed on request and marks the copy destination COPY_FAILED', async () => {
    const { emu, c } = await setup();
    const { taskid } = (await c.post('/volumes/base', { action: 'createPhysicalCopy', parameters: { destVolume: 'f', destCPG: 'FC_r1', online: true } })).body;
    const res = await emu.app().request(`/_emulator/tasks/${taskid}`, { method: 'POST', body: JSON.stringify({ failAtEnd: true }) });
    expect(res.status).toBe(200);
    emu.fabric.clock.advance(5000);
    expect((await c.get(`/tasks/${taskid}`)).body.status).toBe(4);
    expect((await c.get('/volumes/f')).body).toMatchObject({ state: 3, failedStates: [9] });
  });

  it('answers task ids as the guide says', async () => {
    const { c } = await setup();
    expect((await c.get('/tasks/abc')).body.code).toBe(39);
    expect((await c.get('/tasks/0')).body.code).toBe(115);
    expect((await c.get('/tasks/999999')).body.code).toBe(43);
    expect(await c.get('/tasks/60000').then((r) => [r.status, r.body.code])).toEqual([404, 145]);
  });

  it('lists tasks newest first', async () => {
    const { c } = await setup();
    await snap(c, 'base', { name: 'a' });
    const t1 = (await c.put('/volumes/a', { action: 4 })).body.taskid;
    await c.put(`/tasks/${t1}`, { action: 1 });
    const t2 = (await c.put('/volumes/a', { action: 4 })).body.taskid;
    const list = (await c.get('/tasks')).body;
    expect(list.members.map((t: { id: number }) => t.id)).toEqual([t2, t1]);
  });
});

describe('busy and failed volumes', () => {
  it('refuses to grow the source of a running copy and to copy from a failed copy', async () => {
    const { emu, c } = await setup();
    const { taskid } = (await c.post('/volumes/base', { action: 'createPhysicalCopy', parameters: { destVolume: 'cp', destCPG: 'FC_r1', online: true } })).body;
    expect(await c.put('/volumes/base', { action: 3, sizeMiB: 1024 }).then((r) => [r.status, r.body.code])).toEqual([409, 151]);
    expect(await c.put('/volumes/cp', { action: 3, sizeMiB: 1024 }).then((r) => [r.status, r.body.code])).toEqual([409, 151]);
    await emu.app().request(`/_emulator/tasks/${taskid}`, { method: 'POST', body: JSON.stringify({ end: 'failed' }) });
    const again = await c.post('/volumes/cp', { action: 'createPhysicalCopy', parameters: { destVolume: 'cp2', destCPG: 'FC_r1', online: true } });
    expect(again.status).toBe(409);
    expect((await c.put('/volumes/cp', { action: 3, sizeMiB: 1024 })).status).toBe(403);
  });

  it('takes a set snapshot only of like members from different families', async () => {
    const { c } = await setup();
    await snap(c, 'base', { name: 'bs' });
    await c.post('/volumesets', { name: 'mixed', setmembers: ['base', 'bs'] });
    expect((await c.post('/volumesets/mixed', { action: 'createSnapshot', parameters: { name: 'm-@count@' } })).status).toBe(403);
  });
});

describe('task pacing and tune', () => {
  it('in poll mode a task ends after the set number of reads, whatever the clock', async () => {
    const { emu, c } = await setup();
    const set = await emu.app().request('/_emulator/tasks', { method: 'POST', body: JSON.stringify({ polls: 3 }) });
    expect(await set.json()).toEqual({ durationMs: 5000, polls: 3 });
    const { taskid } = (await c.post('/volumes/base', { action: 'createPhysicalCopy', parameters: { destVolume: 'pc', destCPG: 'FC_r1', online: true } })).body;
    emu.fabric.clock.advance(3_600_000);
    await c.login();
    expect((await c.get(`/tasks/${taskid}`)).body.status).toBe(2);
    expect((await c.get(`/tasks/${taskid}`)).body.status).toBe(2);
    expect((await c.get(`/tasks/${taskid}`)).body.status).toBe(1);
    expect((await c.get('/volumes/pc')).body.copyType).toBe(1);
  });

  it('tunes a volume to another CPG and provisioning; keepVV keeps the old one; converting with snapshots needs keepVV (400/40)', async () => {
    const { emu, c } = await setup();
    await c.post('/volumes', { name: 'tv', cpg: 'FC_r1', sizeMiB: 1024, snapCPG: 'FC_r1' });
    const r = await c.put('/volumes/tv', { action: 6, tuneOperation: 1, userCPG: 'SSD_r5', conversionOperation: 1, keepVV: 'tv-old' });
    expect(r.status).toBe(200);
    expect((await c.get(`/tasks/${r.body.taskid}`)).body.type).toBe(19);
    expect((await c.put('/volumes/tv', { action: 3, sizeMiB: 1024 })).body.code).toBe(151);
    emu.fabric.clock.advance(5000);
    expect((await c.get('/volumes/tv')).body).toMatchObject({ userCPG: 'SSD_r5', provisioningType: 2 });
    expect((await c.get('/volumes/tv-old')).body).toMatchObject({ userCPG: 'FC_r1', provisioningType: 1, sizeMiB: 1024 });
    await snap(c, 'tv', { name: 'tvs' });
    const noKeep = await c.put('/volumes/tv', { action: 6, tuneOperation: 1, userCPG: 'FC_r1', conversionOperation: 2 });
    expect([noKeep.status, noKeep.body.code]).toEqual([400, 40]);
    expect(noKeep.body.desc).toContain('keepVV');
  });
});
