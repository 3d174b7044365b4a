import { describe, expect, it } from 'vitest';
import { emulator, loggedIn } from '../helpers.ts';

const WWNS = ['10000000C9A1B2C3', '10000000C9A1B2C4'];
const IQN = 'iqn.1994-05.com.redhat:client1';

async function setup() {
  const emu = emulator();
  const c = await loggedIn(emu);
  const control = (method: string, path: string, body?: unknown) =>
    emu.app().request(`/_emulator${path}`, { method, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  await c.post('/volumes', { name: 'vol1', cpg: 'FC_r1', sizeMiB: 1024, tpvv: true });
  await c.post('/volumes', { name: 'vol2', cpg: 'FC_r1', sizeMiB: 1024, tpvv: true });
  return { emu, c, control };
}

const lunOf = (location: string | null) => Number(location!.replace('/api/v1/vluns/', '').split(',')[1]);

describe('VLUNs', () => {
  it('an empty host set keeps the LUNs of its exports, so a member added later never sees one LUN twice', async () => {
    const { c } = await setup();
    await c.post('/hosts', { name: 'h1', FCWWNs: [WWNS[0]] });
    await c.post('/hostsets', { name: 'hs' });
    expect((await c.post('/vluns', { volumeName: 'vol1', hostname: 'set:hs', lun: 4 })).status).toBe(201);
    const clash = await c.post('/vluns', { volumeName: 'vol2', hostname: 'set:hs', lun: 4 });
    expect([clash.status, clash.body.code]).toEqual([409, 18]);
    expect((await c.put('/hostsets/hs', { action: 1, setmembers: ['h1'] })).status).toBe(200);
  });

  it('a Cinder-style FC attach/detach: find or create the host, export with autoLun, read the LUN, unexport, delete', async () => {
    const { c, control } = await setup();
    for (const w of WWNS) for (const p of ['0:1:1', '1:1:1']) await control('POST', '/logins', { initiator: w, portPos: p });
    // Target ports: FC, target mode, link ready.
    const targets = (await c.get('/ports')).body.members.filter((p: any) => p.protocol === 1 && p.mode === 2 && p.linkState === 4);
    expect(targets.length).toBeGreaterThan(0);
    const found = (await c.get(`/hosts?query=${encodeURIComponent(`"FCPaths[wwn==${WWNS[0]} OR wwn==${WWNS[1]}]"`)}`)).body;
    expect(found.total).toBe(0);
    expect((await c.post('/hosts', { name: 'compute1', FCWWNs: WWNS, persona: 2 })).status).toBe(201);
    const r = await c.post('/vluns', { volumeName: 'vol1', hostname: 'compute1', lun: 0, autoLun: true, maxAutoLun: 0 });
    expect(r.status).toBe(201);
    expect(r.headers.get('location')).toBe('/api/v1/vluns/vol1,0,compute1');
    expect(lunOf(r.headers.get('location'))).toBe(0);
    const second = await c.post('/vluns', { volumeName: 'vol2', hostname: 'compute1', lun: 0, autoLun: true, maxAutoLun: 0 });
    expect(lunOf(second.headers.get('location'))).toBe(1);
    const vluns = (await c.get(`/vluns?query=${encodeURIComponent('"hostname EQ compute1"')}`)).body.members;
    const active = vluns.filter((v: any) => v.active && v.volumeName === 'vol1');
    expect(active).toHaveLength(4);
    expect(new Set(active.map((v: any) => v.remoteName))).toEqual(new Set(WWNS));
    expect(active[0]).toMatchObject({ lun: 0, type: 3, multipathing: 1, failedPathPol: 1, failedPathInterval: 0 });
    const template = vluns.find((v: any) => !v.active && v.volumeName === 'vol1');
    expect(template).not.toHaveProperty('portPos');
    expect(template).not.toHaveProperty('remoteName');
    expect(Object.keys(active[0])).toEqual(['lun', 'volumeName', 'hostname', 'remoteName', 'portPos', 'type', 'volumeWWN', 'multipathing', 'failedPathPol', 'failedPathInterval', 'active']);
    // Exported things stay.
    expect((await c.delete('/volumes/vol1')).body.code).toBe(34);
    expect((await c.delete('/hosts/compute1')).body).toEqual({ code: 26, desc: 'has exported VLUN' });
    expect((await c.delete('/vluns/vol1,0,compute1')).status).toBe(200);
    expect((await c.delete('/vluns/vol1,0,compute1')).status).toBe(404);
    expect((await c.delete('/vluns/vol2,1,compute1')).status).toBe(200);
    expect((await c.get(`/vluns?query=${encodeURIComponent('"hostname EQ compute1"')}`)).body.total).toBe(0);
    expect((await c.delete('/hosts/compute1')).status).toBe(200);
    expect((await c.delete('/volumes/vol1')).status).toBe(200);
  });

  it('a Cinder-style iSCSI attach: one matched-set template per portal with the same LUN', async () => {
    const { c, control } = await setup();
    await control('POST', '/logins', { initiator: IQN, portPos: '0:2:1', ipAddr: '10.10.1.100' });
    await control('POST', '/logins', { initiator: IQN, portPos: '1:2:1', ipAddr: '10.10.1.100' });
    await c.post('/hosts', { name: 'compute2', iSCSINames: [IQN] });
    const first = await c.post('/vluns', { volumeName: 'vol1', hostname: 'compute2', portPos: { node: 0, slot: 2, cardPort: 1 }, lun: 0, autoLun: true, maxAutoLun: 0 });
    expect(first.headers.get('location')).toBe('/api/v1/vluns/vol1,0,compute2,0:2:1');
    const lun = lunOf(first.headers.get('location'));
    expect((await c.post('/vluns', { volumeName: 'vol1', hostname: 'compute2', portPos: { node: 1, slot: 2, cardPort: 1 }, lun })).status).toBe(201);
    // Another volume cannot take that LUN for the host.
    expect((await c.post('/vluns', { volumeName: 'vol2', hostname: 'compute2', lun })).body).toEqual({ code: 18, desc: 'LUN exists' });
    const rows = (await c.get(`/vluns?query=${encodeURIComponent('"volumeName EQ vol1"')}`)).body.members;
    expect(rows.filter((r: any) => r.active)).toHaveLength(2);
    expect(rows.filter((r: any) => !r.active).every((r: any) => r.type === 4 && r.portPos)).toBe(true);
    expect((await c.get('/hosts/compute2')).body.iSCSIPaths[0]).toMatchObject({ name: IQN, IPAddr: '10.10.1.100' });
    const one = await c.get('/vluns/vol1,0,compute2,0:2:1');
    expect(one.body.total).toBe(2);
    expect((await c.delete('/vluns/vol1,0,compute2,0:2:1')).status).toBe(200);
    expect((await c.delete('/vluns/vol1,0,compute2,1:2:1')).status).toBe(200);
  });

  it('exports a volume set to a host set; active rows carry the real host names; sets in use stay', async () => {
    const { c, control } = await setup();
    await c.post('/hosts', { name: 'n1', FCWWNs: [WWNS[0]] });
    await c.post('/hosts', { name: 'n2', FCWWNs: [WWNS[1]] });
    await c.post('/hostsets', { name: 'cluster', setmembers: ['n1', 'n2'] });
    await c.post('/volumesets', { name: 'vs', setmembers: ['vol1'] });
    await control('POST', '/logins', { initiator: WWNS[0], portPos: '0:1:1' });
    const r = await c.post('/vluns', { volumeName: 'set:vs', hostname: 'set:cluster', lun: 5 });
    expect(r.headers.get('location')).toBe('/api/v1/vluns/set:vs,5,set:cluster');
    const rows = (await c.get('/vluns')).body.members;
    expect(rows.find((x: any) => !x.active)).toMatchObject({ hostname: 'set:cluster', type: 5 });
    expect(rows.find((x: any) => x.active)).toMatchObject({ volumeName: 'vol1', hostname: 'n1', type: 5, remoteName: WWNS[0] });
    expect((await c.delete('/hostsets/cluster')).body.code).toBe(26);
    expect((await c.delete('/volumesets/vs')).body.code).toBe(26);
    // A member host of an exported set cannot take LUN 5 for another volume.
    expect((await c.post('/vluns', { volumeName: 'vol2', hostname: 'n2', lun: 5 })).body.code).toBe(18);
  });

  it.each([
    ['LUN 100000', { volumeName: 'vol1', hostname: 'h', lun: 100000 }, 400, 28],
    ['an unknown volume', { volumeName: 'nope', hostname: 'h', lun: 1 }, 404, 23],
    ['an unknown host', { volumeName: 'vol1', hostname: 'nope', lun: 1 }, 404, 17],
    ['an unknown host set', { volumeName: 'vol1', hostname: 'set:nope', lun: 1 }, 404, 102],
    ['a bad portPos member', { volumeName: 'vol1', portPos: { badNode: 1, slot: 1, cardPort: 1 }, lun: 1 }, 400, 12],
    ['a port the array lacks', { volumeName: 'vol1', portPos: { node: 5, slot: 1, cardPort: 1 }, lun: 1 }, 404, 20],
    ['a disk port', { volumeName: 'vol1', portPos: { node: 0, slot: 0, cardPort: 1 }, lun: 1 }, 400, 21],
    ['neither host nor port', { volumeName: 'vol1', lun: 1 }, 400, 12],
    ['no LUN without autoLun', { volumeName: 'vol1', hostname: 'h' }, 400, 40],
  ])('refuses %s', async (_w, body, status, code) => {
    const { c } = await setup();
    await c.post('/hosts', { name: 'h' });
    const r = await c.post('/vluns', body);
    expect([r.status, r.body.code]).toEqual([status, code]);
  });

  it('refuses a cross-domain export (403 code 118 "Volume not in same domain")', async () => {
    const { c } = await setup();
    await c.post('/hosts', { name: 'dh', domain: 'DOMAIN_A' });
    expect((await c.post('/vluns', { volumeName: 'vol1', hostname: 'dh', lun: 1 })).body).toEqual({ code: 118, desc: 'Volume not in same domain' });
  });

  it('answers malformed VLUN ids on delete as the functional tests expect', async () => {
    const { c } = await setup();
    await c.post('/hosts', { name: 'h' });
    await c.post('/vluns', { volumeName: 'vol1', hostname: 'h', lun: 3 });
    expect((await c.delete('/vluns/nope,3,h')).status).toBe(404);
    expect((await c.delete('/vluns/vol1,3,nohost')).status).toBe(404);
    expect((await c.delete('/vluns/vol1,3,h,8:8:8')).status).toBe(400);
    expect((await c.delete('/vluns/vol1,x,h')).status).toBe(400);
    expect((await c.delete('/vluns/vol1')).status).toBe(400);
    expect((await c.get('/vluns/vol1,4,h')).body.code).toBe(19);
  });

  it('a volume-set export gives each member its own consecutive LUN on the active rows', async () => {
    const { c, control } = await setup();
    await c.post('/hosts', { name: 'n1', FCWWNs: [WWNS[0]] });
    await c.post('/volumesets', { name: 'vs', setmembers: ['vol1', 'vol2'] });
    await control('POST', '/logins', { initiator: WWNS[0], portPos: '0:1:1' });
    expect((await c.post('/vluns', { volumeName: 'set:vs', hostname: 'n1', lun: 5 })).status).toBe(201);
    const active = (await c.get('/vluns')).body.members.filter((x: any) => x.active);
    expect(active.map((x: any) => [x.volumeName, x.lun])).toEqual([['vol1', 5], ['vol2', 6]]);
    // LUN 6 is now vol2's for this host.
    await c.post('/volumes', { name: 'vol3', cpg: 'FC_r1', sizeMiB: 256 });
    expect((await c.post('/vluns', { volumeName: 'vol3', hostname: 'n1', lun: 6 })).body.code).toBe(18);
    const auto = await c.post('/vluns', { volumeName: 'vol3', hostname: 'n1', lun: 5, autoLun: true });
    expect(auto.headers.get('location')).toBe('/api/v1/vluns/vol3,7,n1');
  });

  it('keeps paths and persona of an exported host unless forced', async () => {
    const { c } = await setup();
    await c.post('/hosts', { name: 'h', FCWWNs: WWNS });
    await c.post('/vluns', { volumeName: 'vol1', hostname: 'h', lun: 1 });
    expect((await c.put('/hosts/h', { pathOperation: 2, FCWWNs: [WWNS[1]] })).body.code).toBe(26);
    expect((await c.put('/hosts/h', { persona: 11 })).body.code).toBe(26);
    expect((await c.put('/hosts/h', { pathOperation: 2, FCWWNs: [WWNS[1]], forcePathRemoval: true })).status).toBe(200);
    expect((await c.get('/hosts/h')).body.FCPaths.map((p: any) => p.wwn)).toEqual([WWNS[0]]);
  });

  it('port-presents exports reach every initiator logged in on the port', async () => {
    const { c, control } = await setup();
    await control('POST', '/logins', { initiator: WWNS[0], portPos: '0:1:2' });
    const r = await c.post('/vluns', { volumeName: 'vol1', portPos: { node: 0, slot: 1, cardPort: 2 }, lun: 7 });
    expect(r.headers.get('location')).toBe('/api/v1/vluns/vol1,7,,0:1:2');
    const rows = (await c.get('/vluns')).body.members;
    expect(rows.find((x: any) => !x.active)).toMatchObject({ type: 2, portPos: { node: 0, slot: 1, cardPort: 2 } });
    expect(rows.find((x: any) => !x.active)).not.toHaveProperty('hostname');
    expect(rows.filter((x: any) => x.active)).toHaveLength(1);
    expect((await c.delete('/vluns/vol1,7,,0:1:2')).status).toBe(200);
  });
});
