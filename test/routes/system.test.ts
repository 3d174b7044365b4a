import { describe, expect, it } from 'vitest';
import { CAPACITY_TIER, CAPACITY_VOLUMES, LICENSE_INFO, SYSTEM_322, SYSTEM_331, WSAPI_CONFIGURATION, shapeProblems } from '../../contracts/shapes.ts';
import { emulator, InProcessClient, loggedIn } from '../helpers.ts';

const sumDisks = (disks: { count: number; sizeMiB: number }[]) => disks.reduce((n, d) => n + d.count * d.sizeMiB, 0);

describe('GET /system', () => {
  it('has the 3.3.1 member set, floats with a decimal point, and totals derived from the drives', async () => {
    const emu = emulator();
    const c = await loggedIn(emu);
    const r = await c.get('/system');
    expect(r.status).toBe(200);
    expect(shapeProblems(r.body, SYSTEM_331)).toEqual([]);
    expect(shapeProblems(r.body.licenseInfo, LICENSE_INFO)).toEqual([]);
    const profile = emu.fabric.array('array1').profile;
    expect(r.body.totalCapacityMiB).toBe(sumDisks([...profile.disks]));
    expect(r.text).toContain(`"totalCapacityMiB":${sumDisks([...profile.disks])}.0,`);
    expect(r.body.totalCapacityMiB).toBe(r.body.allocatedCapacityMiB + r.body.freeCapacityMiB + r.body.failedCapacityMiB);
    expect(r.body.onlineNodes).toEqual([0, 1]);
    expect(r.body.licenseInfo.licenseState.thinProvisioing).toBe(true);
    expect(r.body.licenseInfo.issueTime8601).toBe('2023-11-14T23:13:20+01:00');
  });

  it('has the 3.2.2 member set on the 3.2.2 profile (no patches, no readOnlyParameters)', async () => {
    const c = await loggedIn(emulator({ fixture: '7450c-3.2.2' }));
    const r = await c.get('/system');
    expect(shapeProblems(r.body, SYSTEM_322)).toEqual([]);
    expect(r.body.totalCapacityMiB).toBe(7307264);
  });
});

describe('GET /capacity', () => {
  it('gives four tiers whose figures add up and follow the drives', async () => {
    const emu = emulator();
    const c = await loggedIn(emu);
    const cap = (await c.get('/capacity')).body;
    expect(Object.keys(cap)).toEqual(['allCapacity', 'FCCapacity', 'NLCapacity', 'SSDCapacity']);
    for (const tier of Object.values(cap) as any[]) {
      expect(shapeProblems(tier, CAPACITY_TIER)).toEqual([]);
      expect(shapeProblems(tier.allocated.volumes, CAPACITY_VOLUMES)).toEqual([]);
      expect(tier.totalMiB).toBe(tier.allocated.totalAllocatedMiB + tier.freeMiB + tier.unavailableCapacityMiB + tier.failedCapacityMiB);
      expect(tier.allocated.totalAllocatedMiB).toBe(tier.allocated.volumes.totalVolumesMiB + tier.allocated.system.totalSystemMiB);
    }
    const fc = emu.fabric.array('array1').profile.disks.find((d) => d.type === 'FC')!;
    expect(cap.FCCapacity.totalMiB).toBe(fc.count * fc.sizeMiB);
    expect(cap.allCapacity.totalMiB).toBe(cap.FCCapacity.totalMiB + cap.NLCapacity.totalMiB + cap.SSDCapacity.totalMiB);
    const sys = (await c.get('/system')).body;
    expect(cap.allCapacity.totalMiB).toBe(sys.totalCapacityMiB);
    expect(cap.allCapacity.freeMiB).toBe(sys.freeCapacityMiB);
  });

  it('reports an FC/NL-less array with zero tiers and no efficiency figures there', async () => {
    const c = await loggedIn(emulator({ fixture: '7450c-3.2.2' }));
    const cap = (await c.get('/capacity')).body;
    expect(cap.FCCapacity.totalMiB).toBe(0);
    expect('capacityEfficiency' in cap.NLCapacity.allocated.volumes).toBe(false);
    expect(cap.SSDCapacity).toEqual(cap.allCapacity);
  });
});

describe('GET /wsapiconfiguration', () => {
  it('counts live sessions', async () => {
    const emu = emulator();
    const c = await loggedIn(emu);
    await loggedIn(emu);
    const r = await c.get('/wsapiconfiguration');
    expect(shapeProblems(r.body, WSAPI_CONFIGURATION)).toEqual([]);
    expect(r.body).toMatchObject({ httpState: 'Enabled', httpPort: 8008, httpsState: 'Enabled', httpsPort: 8080, sessionsInUse: 2, sessionTimeout: 15 });
    emu.fabric.clock.advance(15 * 60_000 + 1);
    await c.login();
    expect((await c.get('/wsapiconfiguration')).body.sessionsInUse).toBe(1);
  });
});

describe('protocol', () => {
  it('sends the array headers on success and error alike', async () => {
    const c = await loggedIn(emulator());
    for (const r of [await c.get('/system'), await c.get('/nothing-here')]) {
      expect(r.headers.get('server')).toBe('hp3par-wsapi');
      expect(r.headers.get('cache-control')).toBe('no-cache');
      expect(r.headers.get('pragma')).toBe('no-cache');
      expect(r.headers.get('connection')).toBe('close');
      expect(r.headers.get('content-type')).toBe('application/json');
    }
  });

  it('answers an unknown URI with 404 code 11 and an unsupported method with 501 code 9', async () => {
    const c = await loggedIn(emulator());
    const nf = await c.get('/nothing-here');
    expect(nf.status).toBe(404);
    expect(nf.body.code).toBe(11);
    const m = await c.request('PATCH', '/api/v1/cpgs/FC_r1');
    expect(m.status).toBe(501);
    expect(m.body.code).toBe(9);
    expect((await c.delete('/system')).body.code).toBe(9);
  });

  it('answers malformed JSON with code 60, a non-object with 52, a foreign content type with 415', async () => {
    const c = await loggedIn(emulator());
    const syntax = await c.request('POST', '/api/v1/cpgs', '{"name": ');
    expect(syntax.status).toBe(400);
    expect(syntax.body.code).toBe(60);
    expect((await c.request('POST', '/api/v1/cpgs', '[1,2]')).body.code).toBe(52);
    const ct = await c.request('POST', '/api/v1/cpgs', 'name=x', { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(ct.status).toBe(415);
    expect(ct.body.code).toBe(51);
  });

  it('refuses a body over the size limit with 413 code 4', async () => {
    const c = await loggedIn(emulator({ maxBodyBytes: 1000 }));
    const r = await c.post('/cpgs', { name: 'x', domain: 'D'.repeat(2000) });
    expect(r.status).toBe(413);
    expect(r.body.code).toBe(4);
  });

  it('refuses bad percent-encoding with 400 code 56', async () => {
    const c = await loggedIn(emulator());
    const r = await c.request('GET', '/api/v1/cpgs/%E0%A4%A');
    expect(r.status).toBe(400);
    expect(r.body.code).toBe(56);
  });

  it('checks the session key on every known resource but GET /api and login', async () => {
    const r = await new InProcessClient(emulator()).request('GET', '/api/v1/cpgs');
    expect(r.body.code).toBe(6);
  });
});
