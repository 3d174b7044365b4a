import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, uniqueName, WsapiClient, type Target } from '../harness.ts';

let target: Target;
let c: WsapiClient;
let cpg: string;
const volumes: string[] = [];
const sets: string[] = [];

beforeAll(async () => {
  target = await openTarget();
  c = new WsapiClient(target);
  await c.login();
  // Our own CPG, so the suite can run against a real array without touching existing ones.
  cpg = uniqueName();
  const r = await c.call('POST', '/cpgs', { name: cpg });
  if (r.status !== 201) throw new Error(`cannot create a CPG for the suite: ${r.status} ${r.text}`);
  if (target.inProcess) await c.raw('POST', `${c.root}/_emulator/tasks`, JSON.stringify({ durationMs: 200 }));
});

afterAll(async () => {
  for (const s of sets.reverse()) await c.call('DELETE', `/volumesets/${s}`);
  // Children before parents: delete in reverse creation order, twice to catch stragglers.
  for (let pass = 0; pass < 2; pass++) for (const v of [...volumes].reverse()) await c.call('DELETE', `/volumes/${v}`);
  await c.call('DELETE', `/cpgs/${cpg}`);
  await c.logout();
  await target.close();
});

async function volume(extra: Record<string, unknown> = {}) {
  const name = uniqueName('ctv');
  const r = await c.call('POST', '/volumes', { name, cpg, sizeMiB: 1024, snapCPG: cpg, ...extra });
  expect(r.status).toBe(201);
  volumes.push(name);
  return name;
}

async function waitForTask(id: number, timeoutMs = 120_000): Promise<any> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const t = await c.call('GET', `/tasks/${id}`);
    if (t.body.status !== 2 || Date.now() > until) return t.body;
    await new Promise((r) => setTimeout(r, target.inProcess ? 50 : 1000));
  }
}

describe('contract: volumes', () => {
  it('create → 201 + Location; size rounds up to 256 MiB; get and query by WWN', async () => {
    const name = uniqueName('ctv');
    const r = await c.call('POST', '/volumes', { name, cpg, sizeMiB: 300, tpvv: true });
    expect(r.status).toBe(201);
    volumes.push(name);
    expect(r.headers.get('location')).toBe(`/api/v1/volumes/${name}`);
    const v = (await c.call('GET', `/volumes/${name}`)).body;
    expect(v).toMatchObject({ name, sizeMiB: 512, provisioningType: 2, copyType: 1, userCPG: cpg });
    expect(v.wwn).toMatch(/^[0-9A-F]{32}$/);
    const q = await c.call('GET', `/volumes?query=${encodeURIComponent(`"wwn EQ ${v.wwn}"`)}`);
    expect(q.body.total).toBe(1);
    expect(q.body.members[0].name).toBe(name);
  });

  it('errors: duplicate 409/22, unknown CPG 404/15, 32 chars 400/57, unknown 404/23', async () => {
    const name = await volume();
    expect(await c.call('POST', '/volumes', { name, cpg, sizeMiB: 256 }).then((r) => [r.status, r.body.code])).toEqual([409, 22]);
    expect(await c.call('POST', '/volumes', { name: uniqueName('ctv'), cpg: 'ctr-no-cpg', sizeMiB: 256 }).then((r) => [r.status, r.body.code])).toEqual([404, 15]);
    expect(await c.call('POST', '/volumes', { name: 'v'.repeat(32), cpg, sizeMiB: 256 }).then((r) => [r.status, r.body.code])).toEqual([400, 57]);
    expect(await c.call('GET', '/volumes/ctv-none').then((r) => [r.status, r.body.code])).toEqual([404, 23]);
  });

  it('grow adds whole chunklets; a snapshot cannot grow (403/150)', async () => {
    const name = await volume();
    const before = (await c.call('GET', '/volumes/' + name)).body.sizeMiB;
    expect((await c.call('PUT', `/volumes/${name}`, { action: 3, sizeMiB: 1 })).status).toBe(200);
    expect((await c.call('GET', '/volumes/' + name)).body.sizeMiB).toBeGreaterThan(before);
    const snap = uniqueName('cts');
    expect((await c.call('POST', `/volumes/${name}`, { action: 'createSnapshot', parameters: { name: snap } })).status).toBe(201);
    volumes.push(snap);
    expect(await c.call('PUT', `/volumes/${snap}`, { action: 3, sizeMiB: 1024 }).then((r) => [r.status, r.body.code])).toEqual([403, 150]);
  });

  it('snapshot family: copyOf/parentId/baseId; a parent with a RW child refuses delete (409/32)', async () => {
    const name = await volume();
    const s1 = uniqueName('cts');
    const s2 = uniqueName('cts');
    await c.call('POST', `/volumes/${name}`, { action: 'createSnapshot', parameters: { name: s1 } });
    volumes.push(s1);
    await c.call('POST', `/volumes/${s1}`, { action: 'createSnapshot', parameters: { name: s2, readOnly: true } });
    volumes.push(s2);
    const b = (await c.call('GET', `/volumes/${name}`)).body;
    const x1 = (await c.call('GET', `/volumes/${s1}`)).body;
    const x2 = (await c.call('GET', `/volumes/${s2}`)).body;
    expect(x1).toMatchObject({ copyOf: name, parentId: b.id, baseId: b.id, copyType: 3 });
    expect(x2).toMatchObject({ copyOf: s1, parentId: x1.id, baseId: b.id, readOnly: true });
    expect(await c.call('DELETE', `/volumes/${name}`).then((r) => [r.status, r.body.code])).toEqual([409, 32]);
  });

  it('online physical copy: 201 {"taskid"}; the task goes from active (2) to done (1)', async () => {
    const src = await volume();
    const dest = uniqueName('ctc');
    const r = await c.call('POST', `/volumes/${src}`, { action: 'createPhysicalCopy', parameters: { destVolume: dest, destCPG: cpg, online: true, tpvv: true } });
    expect(r.status).toBe(201);
    volumes.push(dest);
    expect(Number.isInteger(r.body.taskid)).toBe(true);
    const t = await waitForTask(r.body.taskid);
    expect(t.status).toBe(1);
    expect(t.name).toBe(dest);
    const d = (await c.call('GET', `/volumes/${dest}`)).body;
    expect('copyOf' in d).toBe(false);
  });

  it('volume set snapshot of three volumes at one point in time, names expanded', async () => {
    const members = [await volume(), await volume(), await volume()];
    const set = uniqueName('cts').slice(0, 27);
    expect((await c.call('POST', '/volumesets', { name: set, setmembers: members })).status).toBe(201);
    sets.push(set);
    const prefix = uniqueName('cg').slice(0, 20);
    const r = await c.call('POST', `/volumesets/${set}`, { action: 'createSnapshot', parameters: { name: `${prefix}-@count@` } });
    expect(r.status).toBe(201);
    const snaps = [];
    for (let i = 0; i < 3; i++) {
      const s = await c.call('GET', `/volumes/${prefix}-${i}`);
      expect(s.status).toBe(200);
      volumes.push(`${prefix}-${i}`);
      snaps.push(s.body);
    }
    expect(snaps.map((s) => s.copyOf)).toEqual(members);
    expect(await c.call('POST', '/volumesets', { name: set }).then((x) => [x.status, x.body.code])).toEqual([409, 101]);
    expect(await c.call('GET', '/volumesets/ctv-noset').then((x) => [x.status, x.body.code])).toEqual([404, 102]);
  });

  it('metadata: set 201, duplicate 409/181, missing key 404/180', async () => {
    const name = await volume();
    expect((await c.call('POST', `/volumes/${name}/objectKeyValues`, { key: 'ctr-key', value: 'v' })).status).toBe(201);
    expect((await c.call('POST', `/volumes/${name}/objectKeyValues`, { key: 'ctr-key', value: 'w' })).body.code).toBe(181);
    expect((await c.call('GET', `/volumes/${name}/objectKeyValues/ctr-key`)).body.value).toBe('v');
    expect(await c.call('GET', `/volumes/${name}/objectKeyValues/ctr-none`).then((r) => [r.status, r.body.code])).toEqual([404, 180]);
  });
});
