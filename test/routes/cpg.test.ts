import { describe, expect, it } from 'vitest';
import { CPG_331, CPG_322, CPG_USAGE, SD_GROWTH, SD_LAYOUT, SPACE_REPORT_331, shapeProblems } from '../../contracts/shapes.ts';
import { emulator, loggedIn } from '../helpers.ts';

describe('CPGs over the WSAPI', () => {
  it('creates a CPG: 201, relative Location, no body; it shows up in GET /cpgs/<name> with the 3.3.1 member set', async () => {
    const c = await loggedIn(emulator());
    const r = await c.post('/cpgs', { name: 'gold_r6', LDLayout: { RAIDType: 4, setSize: 8, diskPatterns: [{ diskType: 1 }] } });
    expect(r.status).toBe(201);
    expect(r.headers.get('location')).toBe('/api/v1/cpgs/gold_r6');
    expect(r.text).toBe('');
    const g = await c.get('/cpgs/gold_r6');
    expect(g.status).toBe(200);
    expect(shapeProblems(g.body, CPG_331)).toEqual([]);
    expect(shapeProblems(g.body.UsrUsage, CPG_USAGE)).toEqual([]);
    expect(shapeProblems(g.body.SDGrowth, SD_GROWTH)).toEqual([]);
    expect(shapeProblems(g.body.SDGrowth.LDLayout, SD_LAYOUT)).toEqual([]);
    expect(g.body.SDGrowth.LDLayout).toEqual({ RAIDType: 4, setSize: 8, diskPatterns: [{ diskType: 1 }] });
    expect(g.body).toMatchObject({ name: 'gold_r6', numFPVVs: 0, numTPVVs: 0, numTDVVs: 0, state: 1, failedStates: [], dedupCapable: false });
    expect(g.body.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect('domain' in g.body).toBe(false);
  });

  it('applies createcpg defaults: RAID 6, 2-node growth steps of 32 GiB (SD) and 8 GiB (SA)', async () => {
    const c = await loggedIn(emulator());
    await c.post('/cpgs', { name: 'plain' });
    const g = (await c.get('/cpgs/plain')).body;
    expect(g.SDGrowth).toEqual({ incrementMiB: 32768, LDLayout: { RAIDType: 4, diskPatterns: [{ diskType: 1 }] } });
    expect(g.SAGrowth).toEqual({ incrementMiB: 8192, LDLayout: { diskPatterns: [{ diskType: 1 }], RAIDType: 2 } });
  });

  it('records growth increment, limit and warning; SDGrowth carries warningMiB, limitMiB, incrementMiB in that order', async () => {
    const c = await loggedIn(emulator());
    const r = await c.post('/cpgs', { name: 'grow', growthIncrementMiB: 16384, growthLimitMiB: 204800, usedLDWarningAlertMiB: 163840 });
    expect(r.status).toBe(201);
    const sd = (await c.get('/cpgs/grow')).body.SDGrowth;
    expect(Object.keys(sd)).toEqual(['warningMiB', 'limitMiB', 'incrementMiB', 'LDLayout']);
    expect(sd).toMatchObject({ warningMiB: 163840, limitMiB: 204800, incrementMiB: 16384 });
  });

  it('puts a CPG in an existing domain and refuses an unknown one with 404 code 38', async () => {
    const emu = emulator();
    const c = await loggedIn(emu);
    expect((await c.post('/cpgs', { name: 'dom_cpg', domain: 'DOMAIN_A' })).status).toBe(201);
    expect((await c.get('/cpgs/dom_cpg')).body.domain).toBe('DOMAIN_A');
    const bad = await c.post('/cpgs', { name: 'x', domain: 'NoSuchDomain' });
    expect(bad.status).toBe(404);
    expect(bad.body.code).toBe(38);
    expect(emu.fabric.array('array1').cpgs['x']).toBeUndefined();
  });

  it.each([
    ['duplicate name', { name: 'FC_r1' }, 409, 14],
    ['32-character name', { name: 'a'.repeat(32) }, 400, 57],
    ['illegal character', { name: 'bad&name' }, 400, 69],
    ['leading dash', { name: '-lead' }, 400, 69],
    ['empty name', { name: '' }, 400, 45],
    ['missing name', {}, 400, 40],
    ['unknown member', { name: 'x', bogus: 1 }, 400, 12],
    ['unknown LDLayout member', { name: 'x', LDLayout: { RAIDBadType: 1 } }, 400, 12],
    ['wrong type', { name: 7 }, 400, 39],
    ['RAID type out of range', { name: 'x', LDLayout: { RAIDType: 9 } }, 400, 46],
    ['HA out of range', { name: 'x', LDLayout: { HA: 4 } }, 400, 46],
    ['disk type out of range', { name: 'x', LDLayout: { diskPatterns: [{ diskType: 4 }] } }, 400, 46],
    ['RAID 0 while the system disallows it', { name: 'x', LDLayout: { RAIDType: 1 } }, 403, 92],
    ['RAID 5 on NL while the system disallows it', { name: 'x', LDLayout: { RAIDType: 3, diskPatterns: [{ diskType: 2 }] } }, 403, 93],
    ['growth increment below the 2-node minimum', { name: 'x', growthIncrementMiB: 4096 }, 400, 94],
  ])('refuses %s', async (_what, body, status, code) => {
    const emu = emulator();
    const c = await loggedIn(emu);
    const before = emu.fabric.array('array1').cpgs;
    const r = await c.post('/cpgs', body);
    expect(r.status).toBe(status);
    expect(r.body.code).toBe(code);
    expect(typeof r.body.desc).toBe('string');
    expect(emu.fabric.array('array1').cpgs).toBe(before);
  });

  it('names the offending member in ref', async () => {
    const c = await loggedIn(emulator());
    expect((await c.post('/cpgs', { name: 'x', bogus: 1 })).body.ref).toBe('bogus');
    expect((await c.post('/cpgs', { name: 'x', growthLimitMiB: 'big' })).body.ref).toBe('growthLimitMiB');
  });

  it('ignores null members (G131 p18)', async () => {
    const c = await loggedIn(emulator());
    expect((await c.post('/cpgs', { name: 'nulls', domain: null })).status).toBe(201);
  });

  it('answers an unknown CPG with 404 code 15, and an illegal URL name with 400 code 69', async () => {
    const c = await loggedIn(emulator());
    expect((await c.get('/cpgs/BadName')).body).toEqual({ code: 15, desc: 'CPG does not exist' });
    expect((await c.get('/cpgs/' + 'a'.repeat(40))).status).toBe(404);
    expect((await c.get('/cpgs/B%26d')).body.code).toBe(69);
    expect((await c.delete('/cpgs/NonExistCPG')).status).toBe(404);
  });

  it('deletes a CPG and frees its id for the next one', async () => {
    const emu = emulator();
    const c = await loggedIn(emu);
    await c.post('/cpgs', { name: 'a1' });
    const id = (await c.get('/cpgs/a1')).body.id;
    expect((await c.delete('/cpgs/a1')).status).toBe(200);
    expect((await c.get('/cpgs/a1')).status).toBe(404);
    await c.post('/cpgs', { name: 'a2' });
    expect((await c.get('/cpgs/a2')).body.id).toBe(id);
  });

  it('refuses to delete a CPG that volumes use with 409 code 34', async () => {
    const emu = emulator();
    const c = await loggedIn(emu);
    // No volume commands exist yet; mark the CPG referenced the way they will.
    emu.fabric.replace({
      ...emu.fabric.state,
      arrays: { array1: { ...emu.fabric.array('array1'), cpgs: { ...emu.fabric.array('array1').cpgs, FC_r1: { ...emu.fabric.array('array1').cpgs['FC_r1']!, references: 1 } } } },
    });
    const r = await c.delete('/cpgs/FC_r1');
    expect(r.status).toBe(409);
    expect(r.body.code).toBe(34);
  });

  it('lists CPGs in id order as a collection', async () => {
    const c = await loggedIn(emulator());
    await c.post('/cpgs', { name: 'zeta' });
    const r = await c.get('/cpgs');
    expect(r.body.total).toBe(r.body.members.length);
    expect(r.body.members.map((m: { name: string }) => m.name)).toEqual(['FC_r1', 'SSD_r5', 'zeta']);
  });

  it('renames and changes growth through PUT, with the array rules', async () => {
    const c = await loggedIn(emulator());
    await c.post('/cpgs', { name: 'old' });
    expect((await c.put('/cpgs/old', { newName: 'FC_r1' })).body.code).toBe(14);
    expect((await c.put('/cpgs/old', { rmGrowthLimit: true, growthLimitMiB: 5 })).body.code).toBe(44);
    const r = await c.put('/cpgs/old', { newName: 'new', growthLimitMiB: 102400 });
    expect(r.status).toBe(200);
    expect((await c.get('/cpgs/old')).status).toBe(404);
    expect((await c.get('/cpgs/new')).body.SDGrowth.limitMiB).toBe(102400);
    expect((await c.put('/cpgs/new', { rmGrowthLimit: true })).status).toBe(200);
    expect('limitMiB' in (await c.get('/cpgs/new')).body.SDGrowth).toBe(false);
  });

  it('speaks the 3.2.2 member set on a 3.2.2 profile', async () => {
    const c = await loggedIn(emulator({ fixture: '7450c-3.2.2' }));
    const m = (await c.get('/cpgs')).body.members[0];
    expect(shapeProblems(m, CPG_322)).toEqual([]);
    expect(m.dedupCapable).toBe(true);
  });
});

describe('POST /spacereporter', () => {
  it('reports raw free space of the CPG drive type and usable space after RAID overhead', async () => {
    const emu = emulator();
    const c = await loggedIn(emu);
    const r1 = (await c.post('/spacereporter', { cpg: 'FC_r1' })).body;
    expect(shapeProblems(r1, SPACE_REPORT_331)).toEqual([]);
    const cap = (await c.get('/capacity')).body;
    expect(r1.rawFreeMiB).toBe(cap.FCCapacity.freeMiB);
    expect(r1.usableFreeMiB).toBe(Math.floor(r1.rawFreeMiB / 2));
    const r5 = (await c.post('/spacereporter', { cpg: 'SSD_r5' })).body;
    expect(r5.rawFreeMiB).toBe(cap.SSDCapacity.freeMiB);
    expect(r5.usableFreeMiB).toBe(Math.floor((r5.rawFreeMiB * 3) / 4));
  });

  it('answers for a prospective layout too', async () => {
    const c = await loggedIn(emulator());
    const r = await c.post('/spacereporter', { LDLayout: { RAIDType: 4, setSize: 8, diskPatterns: [{ diskType: 2 }] } });
    expect(r.status).toBe(200);
    expect(r.body.usableFreeMiB).toBe(Math.floor((r.body.rawFreeMiB * 6) / 8));
  });

  it('needs exactly one of cpg and LDLayout, and an existing CPG', async () => {
    const c = await loggedIn(emulator());
    expect((await c.post('/spacereporter', {})).body).toMatchObject({ code: 78 });
    expect((await c.post('/spacereporter', { cpg: 'FC_r1', LDLayout: { RAIDType: 2 } })).body.code).toBe(44);
    const r = await c.post('/spacereporter', { cpg: 'nope' });
    expect(r.status).toBe(404);
    expect(r.body.code).toBe(15);
  });
});

describe('disk patterns', () => {
  it('refuses a pattern naming nodes or cages the array does not have (BAD_CPG_PATTERN, a 400)', async () => {
    const c = await loggedIn(emulator());
    expect((await c.post('/cpgs', { name: 'p1', LDLayout: { diskPatterns: [{ diskType: 1, nodeList: '0-1' }] } })).status).toBe(201);
    expect((await c.post('/cpgs', { name: 'p2', LDLayout: { diskPatterns: [{ nodeList: '0-5' }] } })).status).toBe(400);
    expect((await c.post('/cpgs', { name: 'p3', LDLayout: { diskPatterns: [{ cageList: 'x' }] } })).status).toBe(400);
  });
});
