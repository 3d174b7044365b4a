import { describe, expect, it } from 'vitest';
import { emulator, loggedIn } from '../helpers.ts';
import { loadFixture } from '../../emulator/fixtures.ts';

async function setup(opts = {}) {
  const emu = emulator(opts);
  const c = await loggedIn(emu);
  await c.post('/volumes', { name: 'v', cpg: 'FC_r1', sizeMiB: 1024, tpvv: true });
  await c.post('/volumesets', { name: 'vvs-1', setmembers: ['v'] });
  return { emu, c };
}

describe('QoS', () => {
  it('creates a rule on a volume set the way cinder does; the set reports qosEnabled and cannot be deleted', async () => {
    const { c } = await setup();
    const r = await c.post('/qos', { name: 'vvs-1', type: 1, priority: 3, ioMinGoal: 100, ioMaxLimit: 500, bwMinGoalKB: 1024, bwMaxLimitKB: 2048, latencyGoal: 5 });
    expect(r.status).toBe(201);
    const q = (await c.get('/qos/vvset:vvs-1')).body;
    expect(q).toEqual({ id: 0, type: 1, name: 'vvs-1', enabled: true, priority: 3, bwMinGoalKB: 1024, bwMaxLimitKB: 2048, ioMinGoal: 100, ioMaxLimit: 500, latencyGoaluSecs: 5000, latencyGoal: 5 });
    expect((await c.get('/volumesets/vvs-1')).body.qosEnabled).toBe(true);
    expect((await c.delete('/volumesets/vvs-1')).status).toBe(409);
    expect((await c.get('/qos')).body.total).toBe(1);
    expect((await c.put('/qos/vvset:vvs-1', { ioMaxLimit: 50 })).body.code).toBe(12);
    expect((await c.put('/qos/vvset:vvs-1', { ioMinGoal: 10, ioMaxLimit: 50, enable: false })).status).toBe(200);
    expect((await c.get('/qos/vvset:vvs-1')).body).toMatchObject({ ioMinGoal: 10, ioMaxLimit: 50, enabled: false });
    expect((await c.delete('/qos/vvset:vvs-1')).status).toBe(200);
    expect((await c.get('/qos/vvset:vvs-1')).body.code).toBe(100);
    expect((await c.get('/volumesets/vvs-1')).body.qosEnabled).toBe(false);
    expect((await c.delete('/volumesets/vvs-1')).status).toBe(200);
  });

  it.each([
    ['an existing rule', { name: 'vvs-1', type: 1 }, 400, 114],
    ['an unknown set', { name: 'nope', type: 1 }, 404, 117],
    ['a system rule not on all_others', { name: 'x', type: 2 }, 404, 117],
    ['a bad type', { name: 'vvs-1', type: 3 }, 400, 46],
    ['min above max', { name: 'vvs-1', type: 1, ioMinGoal: 10, ioMaxLimit: 5 }, 400, 12],
    ['a negative limit', { name: 'vvs-1', type: 1, ioMinGoal: -1, ioMaxLimit: 5 }, 400, 115],
    ['a limit beyond range', { name: 'vvs-1', type: 1, bwMinGoalKB: 1, bwMaxLimitKB: 2 ** 31 }, 400, 43],
    ['NOLIMIT on one side only', { name: 'vvs-1', type: 1, ioMinGoalOP: 1, ioMaxLimitOP: 2 }, 400, 44],
    ['a bad priority', { name: 'vvs-1', type: 1, priority: 4 }, 400, 46],
  ])('refuses %s', async (_w, body, status, code) => {
    const { c } = await setup();
    if (code === 114) await c.post('/qos', { name: 'vvs-1', type: 1 });
    const r = await c.post('/qos', body);
    expect([r.status, r.body.code]).toEqual([status, code]);
  });

  it('has a system-wide all_others rule target and renames with its set', async () => {
    const { c } = await setup();
    expect((await c.post('/qos', { name: 'all_others', type: 2, ioMinGoalOP: 2, ioMaxLimitOP: 2 })).status).toBe(201);
    expect((await c.get('/qos/sys:all_others')).body).toMatchObject({ type: 2, name: 'all_others' });
    await c.post('/qos', { name: 'vvs-1', type: 1, ioMinGoal: 1, ioMaxLimit: 2 });
    await c.put('/volumesets/vvs-1', { newName: 'vvs-2' });
    expect((await c.get('/qos/vvset:vvs-2')).body.name).toBe('vvs-2');
    expect((await c.get('/qos/bogus')).status).toBe(400);
    expect((await c.get('/qos/vvset:b&d')).body.code).toBe(69);
  });

  it('needs the Priority Optimization license', async () => {
    const f = loadFixture('default');
    const a = f.arrays[0]!;
    const unlicensed = { arrays: [{ ...a, profile: { ...a.profile, licenseInfo: { ...a.profile.licenseInfo, licenses: a.profile.licenseInfo.licenses.filter((l) => l.name !== 'Priority Optimization') } } }] };
    const { c } = await setup({ fixture: unlicensed });
    const r = await c.post('/qos', { name: 'vvs-1', type: 1 });
    expect(r.status).toBe(400);
  });
});

describe('flash cache', () => {
  it('creates, shows and deletes the flash cache; it takes SSD space', async () => {
    const { c } = await setup();
    expect((await c.get('/flashcache')).body.code).toBe(285);
    const before = (await c.get('/capacity')).body.SSDCapacity.freeMiB;
    const r = await c.post('', { flashCache: { sizeGiB: 64, mode: 2 } });
    expect(r.status).toBe(201);
    expect(r.headers.get('location')).toBe('/api/v1/flashcache/');
    expect((await c.get('/flashcache')).body).toEqual({ mode: 2, sizeGiB: 64, state: 1, usedSizeGiB: 0 });
    expect((await c.get('/capacity')).body.SSDCapacity.freeMiB).toBe(before - 64 * 1024 * 2);
    expect((await c.post('', { flashCache: { sizeGiB: 64 } })).status).toBe(409);
    expect((await c.delete('/flashcache')).status).toBe(200);
    expect((await c.delete('/flashcache')).body.code).toBe(285);
    expect((await c.post('', { flashCache: { sizeGiB: 65 } })).status).toBe(400);
    expect((await c.post('', { flashCache: { sizeGiB: 64, mode: 3 } })).body.code).toBe(46);
  });
});
