import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CAPACITY_TIER, WSAPI_CONFIGURATION, shapeProblems } from '../shapes.ts';
import { openTarget, WsapiClient, type Target } from '../harness.ts';

let target: Target;
let c: WsapiClient;
beforeAll(async () => {
  target = await openTarget();
  c = new WsapiClient(target);
  await c.login();
});
afterAll(async () => {
  await c.logout();
  await target.close();
});

describe('contract: system level', () => {
  it('GET /system: identity, nodes and capacity figures', async () => {
    const r = await c.call('GET', '/system');
    expect(r.status).toBe(200);
    for (const k of ['id', 'name', 'systemVersion', 'model', 'serialNumber', 'totalNodes', 'chunkletSizeMiB', 'licenseInfo', 'parameters']) expect(k in r.body).toBe(true);
    expect(r.body.totalCapacityMiB).toBe(r.body.allocatedCapacityMiB + r.body.freeCapacityMiB + r.body.failedCapacityMiB);
    expect(r.text).toMatch(/"totalCapacityMiB":\d+\.\d/);
  });

  it('GET /capacity: four tiers, each adding up', async () => {
    const r = await c.call('GET', '/capacity');
    expect(Object.keys(r.body)).toEqual(['allCapacity', 'FCCapacity', 'NLCapacity', 'SSDCapacity']);
    for (const t of Object.values(r.body) as any[]) {
      expect(shapeProblems(t, CAPACITY_TIER)).toEqual([]);
      expect(t.totalMiB).toBe(t.allocated.totalAllocatedMiB + t.freeMiB + t.unavailableCapacityMiB + t.failedCapacityMiB);
    }
  });

  it('GET /wsapiconfiguration counts this session', async () => {
    const r = await c.call('GET', '/wsapiconfiguration');
    expect(shapeProblems(r.body, WSAPI_CONFIGURATION)).toEqual([]);
    expect(r.body.sessionsInUse).toBeGreaterThanOrEqual(1);
  });

  it('unknown URI → 404 code 11; a method a resource lacks → 501 code 9; bad JSON → 400 code 60', async () => {
    expect(await c.call('GET', '/ctr-nothing-here').then((r) => [r.status, r.body.code])).toEqual([404, 11]);
    expect(await c.call('DELETE', '/system').then((r) => [r.status, r.body.code])).toEqual([501, 9]);
    expect(await c.raw('POST', `${target.baseUrl}/cpgs`, '{"name":').then((r) => [r.status, r.body.code])).toEqual([400, 60]);
  });

  it('every reply carries Server: hp3par-wsapi and Cache-Control: no-cache', async () => {
    for (const r of [await c.call('GET', '/system'), await c.call('GET', '/cpgs/ctr-none')]) {
      expect(r.headers.get('server')).toBe('hp3par-wsapi');
      expect(r.headers.get('cache-control')).toBe('no-cache');
    }
  });
});
