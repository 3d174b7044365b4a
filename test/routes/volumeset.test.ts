import { describe, expect, it } from 'vitest';
import { emulator, loggedIn } from '../helpers.ts';

async function setup() {
  const emu = emulator();
  const c = await loggedIn(emu);
  for (const n of ['v1', 'v2', 'v3']) await c.post('/volumes', { name: n, cpg: 'FC_r1', sizeMiB: 1024, snapCPG: 'FC_r1', tpvv: true });
  return { emu, c };
}

describe('volume sets', () => {
  it('creates, lists and reads a set; empty sets omit setmembers', async () => {
    const { c } = await setup();
    const r = await c.post('/volumesets', { name: 'cg1', setmembers: ['v1', 'v2'], comment: 'group' });
    expect(r.status).toBe(201);
    expect(r.headers.get('location')).toBe('/api/v1/volumesets/cg1');
    const s = (await c.get('/volumesets/cg1')).body;
    expect(s).toMatchObject({ name: 'cg1', comment: 'group', setmembers: ['v1', 'v2'], qosEnabled: false });
    expect(Object.keys(s)).toEqual(['id', 'uuid', 'name', 'comment', 'setmembers', 'qosEnabled']);
    await c.post('/volumesets', { name: 'empty' });
    expect('setmembers' in (await c.get('/volumesets/empty')).body).toBe(false);
    const bySet = await c.get(`/volumesets?query=${encodeURIComponent('"setmembers EQ v2"')}`);
    expect(bySet.body.members.map((m: { name: string }) => m.name)).toEqual(['cg1']);
  });

  it.each([
    ['duplicate name', { name: 'cg1' }, 409, 101],
    ['unknown member', { name: 'x', setmembers: ['ghost'] }, 404, 23],
    ['28-character name', { name: 's'.repeat(28) }, 400, 57],
    ['unknown domain', { name: 'x', domain: 'NOPE' }, 404, 38],
  ])('refuses %s', async (_w, body, status, code) => {
    const { c } = await setup();
    await c.post('/volumesets', { name: 'cg1' });
    const r = await c.post('/volumesets', body);
    expect([r.status, r.body.code]).toEqual([status, code]);
  });

  it('adds and removes members with the array rules, renames, and keeps members from being deleted', async () => {
    const { c } = await setup();
    await c.post('/volumesets', { name: 'cg', setmembers: ['v1'] });
    expect((await c.put('/volumesets/cg', { action: 1, setmembers: ['v2'] })).status).toBe(200);
    expect((await c.put('/volumesets/cg', { action: 1, setmembers: ['v2'] })).status).toBe(409);
    expect((await c.put('/volumesets/cg', { action: 2, setmembers: ['v3'] })).status).toBe(404);
    expect((await c.put('/volumesets/cg', { action: 1, setmembers: ['v3'], newName: 'x' })).body.code).toBe(44);
    expect((await c.delete('/volumes/v1')).body.code).toBe(34);
    expect((await c.put('/volumesets/cg', { action: 2, setmembers: ['v1'] })).status).toBe(200);
    expect((await c.delete('/volumes/v1')).status).toBe(200);
    expect((await c.put('/volumesets/cg', { newName: 'cg2', comment: 'renamed' })).status).toBe(200);
    expect((await c.get('/volumesets/cg')).body.code).toBe(102);
    expect((await c.get('/volumesets/cg2')).body).toMatchObject({ setmembers: ['v2'], comment: 'renamed' });
    expect((await c.delete('/volumesets/cg2')).status).toBe(200);
    expect((await c.delete('/volumesets/cg2')).body.code).toBe(102);
  });

  it('snapshots a three-volume set at one point in time with the expanded names', async () => {
    const { emu, c } = await setup();
    await c.post('/volumesets', { name: 'cg', setmembers: ['v1', 'v2', 'v3'] });
    const r = await c.post('/volumesets/cg', { action: 'createSnapshot', parameters: { name: 'cg-snap-@count@', readOnly: true } });
    expect(r.status).toBe(201);
    expect(r.headers.get('location')).toBe('/api/v1/volumesets/cg');
    const snaps = await Promise.all(['cg-snap-0', 'cg-snap-1', 'cg-snap-2'].map((n) => c.get(`/volumes/${n}`)));
    expect(snaps.map((s) => s.body.copyOf)).toEqual(['v1', 'v2', 'v3']);
    expect(new Set(snaps.map((s) => s.body.creationTimeSec)).size).toBe(1);
    expect(snaps.every((s) => s.body.readOnly)).toBe(true);
    const named = await c.post('/volumesets/cg', { action: 'createSnapshot', parameters: { name: '@vvname@-bk', addToSet: 'cg-bk' } });
    expect(named.status).toBe(201);
    expect((await c.get('/volumesets/cg-bk')).body.setmembers).toEqual(['v1-bk', 'v2-bk', 'v3-bk']);
    // Without a pattern every member would get the same name.
    expect((await c.post('/volumesets/cg', { action: 'createSnapshot', parameters: { name: 'plain' } })).status).toBe(400);
    // All or nothing: a clash on the second name creates none.
    await c.post('/volumes', { name: 'x-1', cpg: 'FC_r1', sizeMiB: 256 });
    const before = emu.fabric.array('array1').volumes;
    expect((await c.post('/volumesets/cg', { action: 'createSnapshot', parameters: { name: 'x-@count@' } })).body.code).toBe(22);
    expect(emu.fabric.array('array1').volumes).toBe(before);
  });
});

describe('volume metadata', () => {
  it('sets, reads, changes and removes key/values with the documented errors', async () => {
    const { c } = await setup();
    const r = await c.post('/volumes/v1/objectKeyValues', { key: 'HPQ-cinder-CHAP-name', value: 'alice' });
    expect(r.status).toBe(201);
    expect((await c.post('/volumes/v1/objectKeyValues', { key: 'HPQ-cinder-CHAP-name', value: 'x' })).body.code).toBe(181);
    const kv = (await c.get('/volumes/v1/objectKeyValues/HPQ-cinder-CHAP-name')).body;
    expect(kv).toMatchObject({ key: 'HPQ-cinder-CHAP-name', value: 'alice' });
    expect(typeof kv.creationTimeSec).toBe('number');
    expect((await c.put('/volumes/v1/objectKeyValues/HPQ-cinder-CHAP-name', { value: 'bob' })).status).toBe(200);
    expect((await c.get('/volumes/v1/objectKeyValues')).body).toMatchObject({ total: 1, members: [{ value: 'bob' }] });
    expect((await c.delete('/volumes/v1/objectKeyValues/HPQ-cinder-CHAP-name')).status).toBe(200);
    expect(await c.get('/volumes/v1/objectKeyValues/HPQ-cinder-CHAP-name').then((x) => [x.status, x.body.code])).toEqual([404, 180]);
    expect((await c.post('/volumes/v1/objectKeyValues', { key: 'a&b', value: 'x' })).status).toBe(400);
    expect((await c.post('/volumes/v1/objectKeyValues', { key: 'x'.repeat(256), value: 'x' })).status).toBe(400);
    expect((await c.post('/volumes/ghost/objectKeyValues', { key: 'k', value: 'x' })).body.code).toBe(23);
    expect((await c.post('/volumes/v1/objectKeyValues', { value: 'x' })).body.code).toBe(40);
  });
});
