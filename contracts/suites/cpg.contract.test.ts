import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTarget, uniqueName, WsapiClient, type Target } from '../harness.ts';

let target: Target;
let c: WsapiClient;
const created: string[] = [];

beforeAll(async () => {
  target = await openTarget();
  c = new WsapiClient(target);
  await c.login();
});
afterAll(async () => {
  for (const name of created) await c.call('DELETE', `/cpgs/${name}`);
  await c.logout();
  await target.close();
});

async function create(body: Record<string, unknown>) {
  const r = await c.call('POST', '/cpgs', body);
  if (r.status === 201) created.push(body.name as string);
  return r;
}

describe('contract: CPGs', () => {
  it('create → 201 with Location; get shows it; delete → 200; get → 404 code 15', async () => {
    const name = uniqueName();
    const r = await create({ name, LDLayout: { RAIDType: 2, setSize: 2, diskPatterns: [{ diskType: 1 }] } });
    expect(r.status).toBe(201);
    expect(r.headers.get('location')).toBe(`/api/v1/cpgs/${name}`);
    const g = await c.call('GET', `/cpgs/${name}`);
    expect(g.status).toBe(200);
    expect(g.body.name).toBe(name);
    expect(g.body.SDGrowth.LDLayout.RAIDType).toBe(2);
    expect(g.body.UsrUsage).toEqual({ totalMiB: 0, rawTotalMiB: 0, usedMiB: 0, rawUsedMiB: 0 });
    const list = await c.call('GET', '/cpgs');
    expect(list.body.total).toBe(list.body.members.length);
    expect(list.body.members.some((m: { name: string }) => m.name === name)).toBe(true);
    expect((await c.call('DELETE', `/cpgs/${name}`)).status).toBe(200);
    created.splice(created.indexOf(name), 1);
    const gone = await c.call('GET', `/cpgs/${name}`);
    expect(gone.status).toBe(404);
    expect(gone.body.code).toBe(15);
  });

  it('in a domain', async (ctx) => {
    if (!target.domain) ctx.skip();
    const name = uniqueName();
    expect((await create({ name, domain: target.domain })).status).toBe(201);
    expect((await c.call('GET', `/cpgs/${name}`)).body.domain).toBe(target.domain);
  });

  it('duplicate → 409 code 14; unknown domain → 404 code 38; 32 chars → 400 code 57; "&" → 400 code 69; unknown member → 400', async () => {
    const name = uniqueName();
    await create({ name });
    expect(await c.call('POST', '/cpgs', { name }).then((r) => [r.status, r.body.code])).toEqual([409, 14]);
    expect(await c.call('POST', '/cpgs', { name: uniqueName(), domain: 'ctr-no-such-domain' }).then((r) => [r.status, r.body.code])).toEqual([404, 38]);
    expect(await c.call('POST', '/cpgs', { name: 'c'.repeat(32) }).then((r) => [r.status, r.body.code])).toEqual([400, 57]);
    expect(await c.call('POST', '/cpgs', { name: 'ctr&bad' }).then((r) => [r.status, r.body.code])).toEqual([400, 69]);
    expect((await c.call('POST', '/cpgs', { name: uniqueName(), domainBad: 'x' })).status).toBe(400);
  });

  it('delete of an unknown CPG → 404 code 15; spacereporter for an unknown CPG → 404 code 15', async () => {
    expect(await c.call('DELETE', '/cpgs/ctr-nonexistent').then((r) => [r.status, r.body.code])).toEqual([404, 15]);
    expect(await c.call('POST', '/spacereporter', { cpg: 'ctr-nonexistent' }).then((r) => [r.status, r.body.code])).toEqual([404, 15]);
  });

  it('spacereporter for a CPG: integer rawFreeMiB ≥ usableFreeMiB ≥ 0', async () => {
    const name = uniqueName();
    await create({ name, LDLayout: { RAIDType: 2, setSize: 2, diskPatterns: [{ diskType: 1 }] } });
    const r = await c.call('POST', '/spacereporter', { cpg: name });
    expect(r.status).toBe(200);
    expect(Number.isInteger(r.body.rawFreeMiB) && Number.isInteger(r.body.usableFreeMiB)).toBe(true);
    expect(r.body.rawFreeMiB).toBeGreaterThanOrEqual(r.body.usableFreeMiB);
    expect(r.body.usableFreeMiB).toBeGreaterThanOrEqual(0);
  });
});
