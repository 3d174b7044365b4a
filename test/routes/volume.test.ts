import { describe, expect, it } from 'vitest';
import { emulator, loggedIn } from '../helpers.ts';

async function setup(opts = {}) {
  const emu = emulator(opts);
  const c = await loggedIn(emu);
  return { emu, c, array: () => emu.fabric.array('array1') };
}

describe('volumes', () => {
  it('creates an FPVV rounded up to 256 MiB, charging its CPG; GET shows the 3.3.1 member set', async () => {
    const { c } = await setup();
    const r = await c.post('/volumes', { name: 'v1', cpg: 'FC_r1', sizeMiB: 1000 });
    expect(r.status).toBe(201);
    expect(r.headers.get('location')).toBe('/api/v1/volumes/v1');
    const v = (await c.get('/volumes/v1')).body;
    expect(v.sizeMiB).toBe(1024);
    expect(v).toMatchObject({ name: 'v1', provisioningType: 1, copyType: 1, readOnly: false, state: 1, userCPG: 'FC_r1' });
    expect(v.baseId).toBe(v.id);
    expect(v.userSpace).toEqual({ reservedMiB: 1024, rawReservedMiB: 2048, usedMiB: 1024, freeMiB: 0 });
    expect(v.adminSpace).toEqual({ reservedMiB: 0, rawReservedMiB: 0, usedMiB: 0, freeMiB: 0 });
    expect(v.wwn).toBe(`60002AC000000000${v.id.toString(16).toUpperCase().padStart(8, '0')}000185D9`);
    expect(Object.keys(v).slice(0, 5)).toEqual(['id', 'name', 'deduplicationState', 'compressionState', 'provisioningType']);
    expect('snapCPG' in v).toBe(false);
    expect('comment' in v).toBe(false);
    const cpg = (await c.get('/cpgs/FC_r1')).body;
    expect(cpg.UsrUsage.usedMiB).toBe(1024);
    expect(cpg.numFPVVs).toBe(1);
    // The CPG grew one 32 GiB step to hold it.
    expect(cpg.totalSpaceMiB).toBe(32768);
  });

  it('creates a TPVV that reserves 1 GiB and grows with host writes', async () => {
    const { emu, c } = await setup();
    await c.post('/volumes', { name: 'thin', cpg: 'FC_r1', sizeMiB: 10240, tpvv: true, snapCPG: 'FC_r1' });
    let v = (await c.get('/volumes/thin')).body;
    expect(v.provisioningType).toBe(2);
    expect(v.userSpace).toMatchObject({ reservedMiB: 1024, usedMiB: 0 });
    expect(v.snapshotSpace).toMatchObject({ reservedMiB: 1024, usedMiB: 0 });
    expect(v.adminSpace).toMatchObject({ reservedMiB: 256, rawReservedMiB: 768, usedMiB: 1 });
    const w = await emu.app().request('/_emulator/volumes/thin/write', { method: 'POST', body: JSON.stringify({ mib: 3000 }) });
    expect(w.status).toBe(200);
    v = (await c.get('/volumes/thin')).body;
    expect(v.userSpace).toMatchObject({ reservedMiB: 3072, usedMiB: 3000, freeMiB: 72 });
  });

  it('lists volumes by id, chunked and without a trailing newline, with the queries clients send', async () => {
    const { c } = await setup();
    await c.post('/volumes', { name: 'a', cpg: 'FC_r1', sizeMiB: 256 });
    await c.post('/volumes', { name: 'b', cpg: 'FC_r1', sizeMiB: 256 });
    const all = await c.get('/volumes');
    expect(all.body.total).toBe(2);
    expect(all.text.endsWith('\n')).toBe(false);
    expect(all.body.links.map((l: { rel: string }) => l.rel)).toEqual(['self', 'volumeSpaceDistribution']);
    const wwnA = all.body.members[0].wwn;
    const wwnB = all.body.members[1].wwn;
    const q = await c.get(`/volumes?query=${encodeURIComponent(`"wwn EQ ${wwnA.toLowerCase()} OR wwn EQ ${wwnB}"`)}`);
    expect(q.body.members.map((m: { name: string }) => m.name)).toEqual(['a', 'b']);
    const one = await c.get(`/volumes?query=${encodeURIComponent(`"wwn EQ ${wwnB}"`)}`);
    expect(one.body.total).toBe(1);
    expect((await c.get(`/volumes?query=${encodeURIComponent('"bogus EQ 1"')}`)).status).toBe(400);
  });

  it.each([
    ['existing name', { name: 'dup', cpg: 'FC_r1', sizeMiB: 256 }, 409, 22],
    ['unknown CPG', { name: 'x', cpg: 'nope', sizeMiB: 256 }, 404, 15],
    ['32-character name', { name: 'v'.repeat(32), cpg: 'FC_r1', sizeMiB: 256 }, 400, 57],
    ['illegal name', { name: 'v/1', cpg: 'FC_r1', sizeMiB: 256 }, 400, 69],
    ['size above 64 TiB', { name: 'x', cpg: 'FC_r1', sizeMiB: 64 * 1024 * 1024 + 1 }, 400, 28],
    ['zero size', { name: 'x', cpg: 'FC_r1', sizeMiB: 0 }, 400, 115],
    ['missing size', { name: 'x', cpg: 'FC_r1' }, 400, 40],
    ['unknown member', { name: 'x', cpg: 'FC_r1', sizeMiB: 256, badPram: true }, 400, 12],
    ['comment over 511', { name: 'x', cpg: 'FC_r1', sizeMiB: 256, comment: 'c'.repeat(512) }, 400, 57],
    ['retention above expiration', { name: 'x', cpg: 'FC_r1', sizeMiB: 256, expirationHours: 1, retentionHours: 2 }, 400, 12],
    ['user alerts on a full volume', { name: 'x', cpg: 'FC_r1', sizeMiB: 256, usrSpcAllocWarningPct: 10 }, 400, 12],
    ['tpvv with tdvv', { name: 'x', cpg: 'SSD_r5', sizeMiB: 256, tpvv: true, tdvv: true }, 400, 44],
    ['reduce on a 3PAR', { name: 'x', cpg: 'FC_r1', sizeMiB: 256, reduce: true }, 400, 12],
    ['id already used', { name: 'x', cpg: 'FC_r1', sizeMiB: 256, id: 1 }, 409, 59],
  ])('refuses %s and changes nothing', async (_w, body, status, code) => {
    const { c, array } = await setup();
    await c.post('/volumes', { name: 'dup', cpg: 'FC_r1', sizeMiB: 256 });
    const before = array();
    const r = await c.post('/volumes', body);
    expect([r.status, r.body.code]).toEqual([status, code]);
    expect(array().volumes).toBe(before.volumes);
    expect(array().cpgs).toBe(before.cpgs);
  });

  it('fails with NO_SPACE when the CPG growth limit stops a thin volume written past it', async () => {
    const { emu, c } = await setup();
    await c.post('/cpgs', { name: 'small', growthIncrementMiB: 8192, growthLimitMiB: 16384, LDLayout: { RAIDType: 2, diskPatterns: [{ diskType: 1 }] } });
    await c.post('/volumes', { name: 'big', cpg: 'small', sizeMiB: 102400, tpvv: true });
    const write = (mib: number) => emu.app().request('/_emulator/volumes/big/write', { method: 'POST', body: JSON.stringify({ mib }) });
    expect((await write(10000)).status).toBe(200);
    const r = await write(10000);
    expect(r.status).toBe(400);
    expect(((await r.json()) as { code: number }).code).toBe(24);
    const v = (await c.get('/volumes/big')).body;
    expect(v.userSpace.usedMiB).toBe(10000);
    const cpg = (await c.get('/cpgs/small')).body;
    expect(cpg.totalSpaceMiB).toBe(16384);
    expect(cpg.state).toBe(3);
    expect(cpg.failedStates).toEqual([2]);
  });

  it('grows by the increment rounded up to whole chunklets; snapshots cannot grow (403 code 150)', async () => {
    const { c } = await setup();
    await c.post('/volumes', { name: 'g', cpg: 'FC_r1', sizeMiB: 1024, snapCPG: 'FC_r1' });
    expect((await c.put('/volumes/g', { action: 3, sizeMiB: 1 })).status).toBe(200);
    expect((await c.get('/volumes/g')).body.sizeMiB).toBe(2048);
    expect((await c.put('/volumes/g', { action: 3, sizeMiB: 0 })).body.code).toBe(152);
    expect((await c.put('/volumes/nope', { action: 3, sizeMiB: 1024 })).body.code).toBe(23);
    await c.post('/volumes/g', { action: 'createSnapshot', parameters: { name: 'gs' } });
    const r = await c.put('/volumes/gs', { action: 3, sizeMiB: 1024 });
    expect([r.status, r.body.code]).toEqual([403, 150]);
    const huge = await c.put('/volumes/g', { action: 3, sizeMiB: 70 * 1024 * 1024 });
    expect([huge.status, huge.body.code]).toEqual([403, 153]);
  });

  it('modifies name, comment, snapCPG, expiration, alerts with the rm flags', async () => {
    const { c } = await setup();
    await c.post('/volumes', { name: 'm', cpg: 'FC_r1', sizeMiB: 256, tpvv: true });
    expect((await c.put('/volumes/m', { newName: 'm2', comment: 'hello', snapCPG: 'FC_r1', usrSpcAllocWarningPct: 50 })).status).toBe(200);
    const v = (await c.get('/volumes/m2')).body;
    expect(v).toMatchObject({ comment: 'hello', snapCPG: 'FC_r1', usrSpcAllocWarningPct: 50 });
    expect((await c.get('/volumes/m')).status).toBe(404);
    expect((await c.put('/volumes/m2', { rmUsrSpcAllocWarning: true, usrSpcAllocWarningPct: 5 })).body.code).toBe(44);
    expect((await c.put('/volumes/m2', { expirationHours: 2 })).status).toBe(200);
    expect((await c.get('/volumes/m2')).body.expirationTimeSec).toBeGreaterThan(0);
    expect((await c.put('/volumes/m2', { rmExpTime: true })).status).toBe(200);
    expect('expirationTimeSec' in (await c.get('/volumes/m2')).body).toBe(false);
  });

  it('deletes a volume and gives its user space back to the CPG (the CPG keeps its LDs)', async () => {
    const { c } = await setup();
    await c.post('/volumes', { name: 'd', cpg: 'FC_r1', sizeMiB: 4096 });
    expect((await c.delete('/volumes/d')).status).toBe(200);
    expect((await c.get('/volumes/d')).body.code).toBe(23);
    const cpg = (await c.get('/cpgs/FC_r1')).body;
    expect(cpg.UsrUsage.usedMiB).toBe(0);
    expect(cpg.numFPVVs).toBe(0);
    expect(cpg.totalSpaceMiB).toBe(32768);
    expect((await c.delete('/cpgs/FC_r1')).status).toBe(200);
  });

  it('refuses to delete a CPG while a volume uses it (409 code 34)', async () => {
    const { c } = await setup();
    await c.post('/volumes', { name: 'u', cpg: 'FC_r1', sizeMiB: 256, snapCPG: 'SSD_r5' });
    expect((await c.delete('/cpgs/FC_r1')).body.code).toBe(34);
    expect((await c.delete('/cpgs/SSD_r5')).body.code).toBe(34);
  });
});
