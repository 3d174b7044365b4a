import { describe, expect, it } from 'vitest';
import { emulator, loggedIn } from '../helpers.ts';

const WWN1 = '10000000C9A1B2C3';
const WWN2 = '10000000C9A1B2C4';
const IQN = 'iqn.1994-05.com.redhat:client1';

async function setup() {
  const emu = emulator();
  const c = await loggedIn(emu);
  const control = (method: string, path: string, body?: unknown) =>
    emu.app().request(`/_emulator${path}`, { method, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  return { emu, c, control };
}

describe('hosts', () => {
  it('creates an FC host with colon WWNs stored upper-case, default persona 2, and a Location', async () => {
    const { c } = await setup();
    const r = await c.post('/hosts', { name: 'h1', FCWWNs: ['10:00:00:00:c9:a1:b2:c3'], descriptors: { os: 'Linux' } });
    expect(r.status).toBe(201);
    expect(r.headers.get('location')).toBe('/api/v1/hosts/h1');
    const h = (await c.get('/hosts/h1')).body;
    expect(h).toMatchObject({ name: 'h1', persona: 2, FCPaths: [{ wwn: WWN1, hostSpeed: 0 }], iSCSIPaths: [], descriptors: { os: 'Linux' }, initiatorChapEnabled: false, targetChapEnabled: false });
    expect(Object.keys(h)).toEqual(['id', 'name', 'descriptors', 'FCPaths', 'iSCSIPaths', 'persona', 'links', 'initiatorChapEnabled', 'targetChapEnabled']);
    expect(h.links[0].href).toContain('hostpersonas?query="wsapiAssignedId EQ 2"');
  });

  it.each([
    ['FC and iSCSI together', { name: 'x', FCWWNs: [WWN2], iSCSINames: [IQN] }, 400, 44],
    ['a 14-digit WWN', { name: 'x', FCWWNs: ['00:00:00:00:00:00:00'] }, 400, 12],
    ['an existing name', { name: 'h1' }, 409, 16],
    ['a WWN owned by another host', { name: 'x', FCWWNs: [WWN1] }, 409, 73],
    ['the same WWN twice', { name: 'x', FCWWNs: [WWN2, WWN2] }, 400, 98],
    ['an illegal name', { name: 'B&dHostName' }, 400, 69],
    ['an empty domain', { name: 'x', domain: '' }, 400, 45],
    ['an unknown domain', { name: 'x', domain: 'NOPE' }, 404, 38],
    ['a bad persona', { name: 'x', persona: 99 }, 400, 46],
    ['an iSCSIPaths member', { name: 'x', iSCSIPaths: [] }, 400, 12],
  ])('refuses %s', async (_w, body, status, code) => {
    const { c } = await setup();
    await c.post('/hosts', { name: 'h1', FCWWNs: [WWN1] });
    const r = await c.post('/hosts', body);
    expect([r.status, r.body.code]).toEqual([status, code]);
  });

  it('takes a path from another host with forceTearDown', async () => {
    const { c } = await setup();
    await c.post('/hosts', { name: 'h1', FCWWNs: [WWN1] });
    expect((await c.post('/hosts', { name: 'h2', FCWWNs: [WWN1], forceTearDown: true })).status).toBe(201);
    expect((await c.get('/hosts/h1')).body.FCPaths).toEqual([]);
  });

  it('finds hosts by WWN or iSCSI name the way python-3parclient queries', async () => {
    const { c } = await setup();
    await c.post('/hosts', { name: 'fc', FCWWNs: [WWN1] });
    await c.post('/hosts', { name: 'is', iSCSINames: [IQN] });
    const q = `"FCPaths[wwn==${WWN2} OR wwn==${WWN1.toLowerCase()}] OR iSCSIPaths[name==${IQN}]"`;
    const r = await c.get(`/hosts?query=${encodeURIComponent(q)}`);
    expect(r.body.members.map((m: { name: string }) => m.name)).toEqual(['fc', 'is']);
    expect((await c.get(`/hosts?query=${encodeURIComponent(`"FCPaths[wwn==${WWN2}]"`)}`)).body).toEqual({ total: 0, members: [] });
    expect((await c.get(`/hosts?query=${encodeURIComponent('"FCPaths[bogus==1]"')}`)).status).toBe(400);
  });

  it('modifies paths, persona and CHAP with the documented errors', async () => {
    const { c } = await setup();
    await c.post('/hosts', { name: 'h', iSCSINames: [IQN] });
    expect((await c.put('/hosts/h', { pathOperation: 1 })).body.code).toBe(78);
    expect((await c.put('/hosts/h', { iSCSINames: ['iqn.x'] })).status).toBe(400);
    expect((await c.put('/hosts/h', { pathOperation: 2, iSCSINames: ['iqn.other'] })).body.code).toBe(80);
    expect((await c.put('/hosts/h', { pathOperation: 1, iSCSINames: ['iqn.second'], persona: 11 })).status).toBe(200);
    expect((await c.get('/hosts/h')).body.iSCSIPaths.map((p: { name: string }) => p.name)).toEqual([IQN, 'iqn.second']);
    expect((await c.put('/hosts/h', { chapOperation: 1, chapOperationMode: 1, chapName: 'alice', chapSecret: 'short' })).status).toBe(400);
    expect((await c.put('/hosts/h', { chapOperation: 1, chapOperationMode: 2, chapName: 'arr', chapSecret: 'abcdefghijklmn' })).body.code).toBe(11);
    expect((await c.put('/hosts/h', { chapOperation: 1, chapOperationMode: 1, chapName: 'alice', chapSecret: 'abcdefghijklmnop' })).status).toBe(200);
    const h = (await c.get('/hosts/h')).body;
    expect(h).toMatchObject({ persona: 11, initiatorChapEnabled: true, initiatorChapName: 'alice' });
    expect(JSON.stringify(h)).not.toContain('abcdefghijklmnop');
    expect((await c.put('/hosts/h', { chapOperation: 2, chapOperationMode: 2 })).status).toBe(404);
    expect((await c.put('/hosts/h', { chapOperation: 2, chapOperationMode: 1 })).status).toBe(200);
  });

  it('shows logged-in paths with their port, and unowned logged-in initiators as a nameless last member', async () => {
    const { c, control } = await setup();
    await c.post('/hosts', { name: 'h', FCWWNs: [WWN1] });
    expect((await control('POST', '/logins', { initiator: WWN1, portPos: '0:1:1' })).status).toBe(200);
    expect((await control('POST', '/logins', { initiator: WWN1, portPos: '1:1:1' })).status).toBe(200);
    expect((await control('POST', '/logins', { initiator: WWN2, portPos: '0:1:2' })).status).toBe(200);
    expect((await control('POST', '/logins', { initiator: WWN2, portPos: '0:2:1' })).status).toBe(400);
    const h = (await c.get('/hosts/h')).body;
    expect(h.FCPaths).toEqual([
      { wwn: WWN1, portPos: { node: 0, slot: 1, cardPort: 1 }, hostSpeed: 0 },
      { wwn: WWN1, portPos: { node: 1, slot: 1, cardPort: 1 }, hostSpeed: 0 },
    ]);
    const all = (await c.get('/hosts')).body;
    expect(all.total).toBe(2);
    expect('name' in all.members[1]).toBe(false);
    expect(all.members[1].FCPaths[0].wwn).toBe(WWN2);
    const port = (await c.get('/ports/0:1:1')).body;
    expect(port.device).toEqual(['h']);
  });

  it('renames a host; refuses a taken name', async () => {
    const { c } = await setup();
    await c.post('/hosts', { name: 'a' });
    await c.post('/hosts', { name: 'b' });
    expect((await c.put('/hosts/a', { newName: 'b' })).body.code).toBe(16);
    expect((await c.put('/hosts/a', { newName: 'c' })).status).toBe(200);
    expect((await c.get('/hosts/a')).body).toEqual({ code: 17, desc: 'host does not exist' });
  });
});

describe('host sets', () => {
  it('manages members and keeps members from being deleted (409 code 77)', async () => {
    const { c } = await setup();
    await c.post('/hosts', { name: 'h1' });
    await c.post('/hosts', { name: 'h2' });
    expect((await c.post('/hostsets', { name: 'hs', setmembers: ['h1'] })).headers.get('location')).toBe('/api/v1/hostsets/hs');
    expect((await c.post('/hostsets', { name: 'hs' })).body.code).toBe(101);
    expect((await c.put('/hostsets/hs', { action: 1, setmembers: ['nobody'] })).body).toMatchObject({ code: 17, desc: 'host does not exist' });
    expect((await c.put('/hostsets/hs', { action: 1, setmembers: ['h2'], newName: 'x', comment: 'y' })).body).toMatchObject({ code: 44, desc: 'invalid input: parameters cannot be present at the same time' });
    expect((await c.put('/hostsets/hs', { action: 1, setmembers: ['h2'] })).status).toBe(200);
    expect((await c.delete('/hosts/h1')).body).toEqual({ code: 77, desc: 'host is a member of a set' });
    expect((await c.get('/hostsets/hs')).body.setmembers).toEqual(['h1', 'h2']);
    expect((await c.get(`/hostsets?query=${encodeURIComponent('"setmembers EQ h2"')}`)).body.total).toBe(1);
    expect((await c.get('/hostsets/' + 'x'.repeat(28))).status).toBe(404);
    expect((await c.get('/hostsets/HostSet-!nval!d')).body).toMatchObject({ code: 69, desc: 'illegal character in input' });
    expect((await c.delete('/hostsets/hs')).status).toBe(200);
    expect((await c.delete('/hosts/h1')).status).toBe(200);
  });
});

describe('ports', () => {
  it('lists the fixture ports with WWNs and iSCSI names derived from the system id', async () => {
    const { c } = await setup();
    const all = (await c.get('/ports')).body;
    expect(all.total).toBe(all.members.length);
    const fc = all.members.find((p: any) => p.portPos.node === 0 && p.portPos.slot === 1 && p.portPos.cardPort === 1);
    expect(fc).toMatchObject({ mode: 2, linkState: 4, type: 1, protocol: 1, nodeWWN: '2FF70002AC0185D9', portWWN: '20110002AC0185D9', partnerPos: { node: 1, slot: 1, cardPort: 1 }, failoverState: 1 });
    const iscsi = (await c.get('/ports/0:2:1')).body;
    expect(iscsi).toMatchObject({ protocol: 2, iSCSIName: 'iqn.2000-05.com.3pardata:20210002ac0185d9', IPAddr: '10.10.1.11' });
    expect(iscsi.iSCSIPortInfo.vlan).toBe(0);
    expect((await c.get('/ports/0:2:1/iSCSIVlans/')).body).toEqual({ iSCSIVlans: [] });
    expect((await c.get('/ports/7:7:4')).body.code).toBe(20);
    expect((await c.get('/ports/bad')).body.code).toBe(55);
  });
});
