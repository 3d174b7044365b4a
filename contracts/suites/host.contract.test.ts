import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, uniqueName, WsapiClient, type Target } from '../harness.ts';

let target: Target;
let c: WsapiClient;
let cpg: string;
const cleanup: (() => Promise<unknown>)[] = [];

// WWNs in a range no real HBA uses, so the suite cannot collide with an array's own hosts.
const fakeWwn = () => 'C0FFEE' + Math.floor(Math.random() * 16 ** 10).toString(16).toUpperCase().padStart(10, '0');

beforeAll(async () => {
  target = await openTarget();
  c = new WsapiClient(target);
  await c.login();
  cpg = uniqueName();
  await c.call('POST', '/cpgs', { name: cpg });
});

afterAll(async () => {
  for (const f of cleanup.reverse()) await f();
  await c.call('DELETE', `/cpgs/${cpg}`);
  await c.logout();
  await target.close();
});

async function host(body: Record<string, unknown> = {}) {
  const name = uniqueName('cth');
  const r = await c.call('POST', '/hosts', { name, ...body });
  expect(r.status).toBe(201);
  cleanup.push(() => c.call('DELETE', `/hosts/${name}`));
  return name;
}

async function volume() {
  const name = uniqueName('ctv');
  expect((await c.call('POST', '/volumes', { name, cpg, sizeMiB: 256, tpvv: true })).status).toBe(201);
  cleanup.push(() => c.call('DELETE', `/volumes/${name}`));
  return name;
}

describe('contract: hosts, host sets, VLUNs', () => {
  it('host: 201 + Location; WWN stored upper-case without colons; query by WWN finds it', async () => {
    const wwn = fakeWwn();
    const colon = wwn.toLowerCase().match(/../g)!.join(':');
    const name = await host({ FCWWNs: [colon] });
    const h = (await c.call('GET', `/hosts/${name}`)).body;
    expect(h.FCPaths.map((p: { wwn: string }) => p.wwn)).toEqual([wwn]);
    const q = await c.call('GET', `/hosts?query=${encodeURIComponent(`"FCPaths[wwn==${wwn}]"`)}`);
    expect(q.body.members.map((m: { name: string }) => m.name)).toEqual([name]);
  });

  it('host errors: 44 both kinds, 16 duplicate, 73 path of another host, 17 unknown, 80 missing path', async () => {
    const wwn = fakeWwn();
    const name = await host({ FCWWNs: [wwn] });
    expect(await c.call('POST', '/hosts', { name: uniqueName('cth'), FCWWNs: [fakeWwn()], iSCSINames: ['iqn.2026-01.test:x'] }).then((r) => [r.status, r.body.code])).toEqual([400, 44]);
    expect(await c.call('POST', '/hosts', { name }).then((r) => [r.status, r.body.code])).toEqual([409, 16]);
    expect(await c.call('POST', '/hosts', { name: uniqueName('cth'), FCWWNs: [wwn] }).then((r) => [r.status, r.body.code])).toEqual([409, 73]);
    expect(await c.call('GET', '/hosts/cth-none').then((r) => [r.status, r.body.code, r.body.desc])).toEqual([404, 17, 'host does not exist']);
    expect(await c.call('PUT', `/hosts/${name}`, { pathOperation: 2, FCWWNs: [fakeWwn()] }).then((r) => [r.status, r.body.code])).toEqual([404, 80]);
  });

  it('host set: a member host cannot be deleted (409/77); duplicate set 409/101', async () => {
    const h = await host();
    const set = uniqueName('cts').slice(0, 27);
    expect((await c.call('POST', '/hostsets', { name: set, setmembers: [h] })).status).toBe(201);
    cleanup.push(() => c.call('DELETE', `/hostsets/${set}`));
    expect(await c.call('DELETE', `/hosts/${h}`).then((r) => [r.status, r.body.code, r.body.desc])).toEqual([409, 77, 'host is a member of a set']);
    expect(await c.call('POST', '/hostsets', { name: set }).then((r) => [r.status, r.body.code])).toEqual([409, 101]);
  });

  it('VLUN: autoLun export answers 201 with the LUN in Location; the template lists; exported host refuses delete (409/26)', async () => {
    const h = await host({ FCWWNs: [fakeWwn()] });
    const v = await volume();
    const r = await c.call('POST', '/vluns', { volumeName: v, hostname: h, lun: 0, autoLun: true, maxAutoLun: 0 });
    expect(r.status).toBe(201);
    const location = r.headers.get('location')!;
    expect(location.startsWith(`/api/v1/vluns/${v},`)).toBe(true);
    const lun = Number(location.replace('/api/v1/vluns/', '').split(',')[1]);
    expect(Number.isInteger(lun)).toBe(true);
    cleanup.push(() => c.call('DELETE', `/vluns/${v},${lun},${h}`));
    const rows = (await c.call('GET', `/vluns?query=${encodeURIComponent(`"volumeName EQ ${v}"`)}`)).body.members;
    expect(rows.some((x: any) => !x.active && x.lun === lun && x.hostname === h)).toBe(true);
    expect(await c.call('DELETE', `/hosts/${h}`).then((x) => [x.status, x.body.code])).toEqual([409, 26]);
    expect(await c.call('POST', '/vluns', { volumeName: v, hostname: h, lun: 100000 }).then((x) => x.status)).toBe(400);
    expect((await c.call('DELETE', `/vluns/${v},${lun},${h}`)).status).toBe(200);
    expect((await c.call('DELETE', `/vluns/${v},${lun},${h}`)).status).toBe(404);
  });
});
