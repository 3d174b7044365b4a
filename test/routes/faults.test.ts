import { describe, expect, it } from 'vitest';
import { emulator, loggedIn } from '../helpers.ts';

async function setup(seed?: number) {
  const emu = emulator(seed !== undefined ? { seed } : {});
  const c = await loggedIn(emu);
  const control = async (method: string, path: string, body?: unknown) => {
    const r = await emu.app().request(`/_emulator${path}`, { method, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    return { status: r.status, body: (await r.json()) as any };
  };
  return { emu, c, control };
}

describe('fault rules', () => {
  it('a rule with a budget of one fires exactly once, with the catalog code and status', async () => {
    const { c, control } = await setup();
    const rule = await control('POST', '/faults', { match: { operation: 'createCPG' }, effect: { type: 'error', symbol: 'NO_SPACE' }, budget: { kind: 'times', n: 1 } });
    expect(rule.status).toBe(201);
    const first = await c.post('/cpgs', { name: 'a' });
    expect([first.status, first.body.code]).toEqual([400, 24]);
    expect((await c.post('/cpgs', { name: 'a' })).status).toBe(201);
    expect((await c.post('/cpgs', { name: 'b' })).status).toBe(201);
    const rules = (await control('GET', '/faults')).body;
    expect(rules[0]).toMatchObject({ matched: 3, fired: 1 });
  });

  it('busy answers 503 code 270 with the captured text; "after" lets the first requests through', async () => {
    const { c, control } = await setup();
    await control('POST', '/faults', { match: { method: 'GET', path: '^/api/v1/system$' }, effect: { type: 'busy' }, budget: { kind: 'after', n: 2 } });
    expect((await c.get('/system')).status).toBe(200);
    expect((await c.get('/system')).status).toBe(200);
    const busy = await c.get('/system');
    expect(busy.status).toBe(503);
    expect(busy.body).toEqual({ code: 270, desc: ' System is too busy. Please try again later' });
    expect((await c.get('/cpgs')).status).toBe(200);
  });

  it('probability budgets are deterministic for a seed', async () => {
    const run = async (seed: number) => {
      const { c, control } = await setup(seed);
      await control('POST', '/faults', { match: { operation: 'getCPGs' }, effect: { type: 'busy' }, budget: { kind: 'probability', p: 0.5 } });
      const out: number[] = [];
      for (let i = 0; i < 20; i++) out.push((await c.get('/cpgs')).status);
      return out;
    };
    const a = await run(11);
    expect(await run(11)).toEqual(a);
    expect(a).toContain(503);
    expect(a).toContain(200);
    expect(await run(12)).not.toEqual(a);
  });

  it('matches on a body member', async () => {
    const { c, control } = await setup();
    await control('POST', '/faults', { match: { operation: 'createCPG', body: { member: 'name', equals: 'doomed' } }, effect: { type: 'error', symbol: 'EXISTENT_CPG' } });
    expect((await c.post('/cpgs', { name: 'doomed' })).body.code).toBe(14);
    expect((await c.post('/cpgs', { name: 'fine' })).status).toBe(201);
  });

  it('invalidates the session so the client must log in again', async () => {
    const { c, control } = await setup();
    await control('POST', '/faults', { match: { operation: 'getCPG' }, effect: { type: 'invalidateSession' }, budget: { kind: 'times', n: 1 } });
    expect((await c.get('/cpgs/FC_r1')).body.code).toBe(6);
    expect((await c.get('/system')).status).toBe(403);
    await c.login();
    expect((await c.get('/cpgs/FC_r1')).status).toBe(200);
  });

  it('answers garbage, truncation and dropped connections on request', async () => {
    const { c, control } = await setup();
    await control('POST', '/faults', { match: { operation: 'getCPGs' }, effect: { type: 'malformed' }, budget: { kind: 'times', n: 1 } });
    await control('POST', '/faults', { match: { operation: 'getVolumes' }, effect: { type: 'truncate' }, budget: { kind: 'times', n: 1 } });
    await control('POST', '/faults', { match: { operation: 'getHosts' }, effect: { type: 'reset' }, budget: { kind: 'times', n: 1 } });
    const m = await c.get('/cpgs');
    expect(m.status).toBe(200);
    expect(m.body).toBeUndefined();
    const t = await c.get('/volumes');
    expect(t.status).toBe(200);
    expect(() => JSON.parse(t.text)).toThrow();
    expect((await c.get('/hosts')).status).toBe(0);
    expect((await c.get('/hosts')).status).toBe(200);
  });

  it('delays a request by the rule latency', async () => {
    const { c, control } = await setup();
    await control('POST', '/faults', { match: { operation: 'getStorageSystemInfo' }, effect: { type: 'latency', ms: 120 } });
    const t0 = performance.now();
    expect((await c.get('/system')).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(110);
  });

  it('refuses malformed rules', async () => {
    const { control } = await setup();
    expect((await control('POST', '/faults', { effect: { type: 'explode' } })).status).toBe(400);
    expect((await control('POST', '/faults', { effect: { type: 'error', symbol: 'NOT_A_SYMBOL' } })).status).toBe(400);
    expect((await control('POST', '/faults', { effect: { type: 'busy' }, budget: { kind: 'probability', p: 2 } })).status).toBe(400);
  });

  it('journals every request with its operation, status, code and the rule that fired', async () => {
    const { c, control } = await setup();
    await control('DELETE', '/journal');
    await control('POST', '/faults', { match: { operation: 'deleteCPG' }, effect: { type: 'error', symbol: 'IN_USE' }, budget: { kind: 'times', n: 1 } });
    await c.delete('/cpgs/FC_r1');
    await c.get('/cpgs/FC_r1');
    const j = (await control('GET', '/journal')).body;
    expect(j.map((e: any) => [e.operation, e.status, e.code, e.rule])).toEqual([
      ['deleteCPG', 409, 34, 1],
      ['getCPG', 200, undefined, undefined],
    ]);
    expect(j[0].user).toBe('3paradm');
    expect((await control("GET", `/journal?since=${j[0].seq}`)).body.map((e: any) => e.operation)).toEqual(["getCPG"]);
  });
});

describe('array-level failures', () => {
  it('a failed node takes its ports offline and its paths away; recovery brings them back', async () => {
    const { c, control } = await setup();
    const wwn = '10000000C9AAAAAA';
    await control('POST', '/logins', { initiator: wwn, portPos: '0:1:1' });
    await control('POST', '/logins', { initiator: wwn, portPos: '1:1:1' });
    await c.post('/hosts', { name: 'h', FCWWNs: [wwn] });
    await c.post('/volumes', { name: 'v', cpg: 'FC_r1', sizeMiB: 256 });
    await c.post('/vluns', { volumeName: 'v', hostname: 'h', lun: 1 });
    const active = async () => (await c.get('/vluns')).body.members.filter((x: any) => x.active).map((x: any) => `${x.portPos.node}:${x.portPos.slot}:${x.portPos.cardPort}`);
    expect(await active()).toEqual(['0:1:1', '1:1:1']);
    expect((await control('POST', '/failures/node', { node: 1, failed: true })).status).toBe(200);
    expect(await active()).toEqual(['0:1:1']);
    expect((await c.get('/system')).body.onlineNodes).toEqual([0]);
    expect((await c.get('/ports/1:1:1')).body.linkState).toBe(10);
    expect((await control('POST', '/logins', { initiator: wwn, portPos: '1:1:2' })).status).not.toBe(200);
    await control('POST', '/failures/node', { node: 1, failed: false });
    expect(await active()).toEqual(['0:1:1', '1:1:1']);
  });

  it('failed drives shrink the free space until creates fail with NO_SPACE', async () => {
    const { c, control } = await setup();
    const before = (await c.get('/capacity')).body.SSDCapacity;
    await control('POST', '/failures/disks', { type: 'SSD', count: 6 });
    const after = (await c.get('/capacity')).body.SSDCapacity;
    expect(after.failedCapacityMiB - before.failedCapacityMiB).toBe(6 * 1830912);
    expect(after.freeMiB).toBeLessThan(before.freeMiB);
    expect((await c.post('/volumes', { name: 'big', cpg: 'SSD_r5', sizeMiB: 4 * 1024 * 1024 })).body.code).toBe(24);
    await control('POST', '/failures/disks', { type: 'SSD', count: 0 });
    expect((await c.post('/volumes', { name: 'big', cpg: 'SSD_r5', sizeMiB: 4 * 1024 * 1024 })).status).toBe(201);
  });

  it('a volume stuck busy refuses work until its task ends; a task can fail at a given step', async () => {
    const { emu, c, control } = await setup();
    await c.post('/volumes', { name: 'v', cpg: 'FC_r1', sizeMiB: 1024, snapCPG: 'FC_r1' });
    const held = (await control('POST', '/failures/busy-volume', { volume: 'v' })).body;
    expect((await c.put('/volumes/v', { action: 3, sizeMiB: 1024 })).body.code).toBe(151);
    await control('POST', `/tasks/${held.taskid}`, { end: 'done' });
    expect((await c.put('/volumes/v', { action: 3, sizeMiB: 1024 })).status).toBe(200);
    const { taskid } = (await c.post('/volumes/v', { action: 'createPhysicalCopy', parameters: { destVolume: 'cp', destCPG: 'FC_r1', online: true } })).body;
    expect((await control('POST', `/tasks/${taskid}`, { failAtStep: 1 })).status).toBe(200);
    emu.fabric.clock.advance(5000);
    const t = (await c.get(`/tasks/${taskid}`)).body;
    expect(t.status).toBe(4);
    expect(t.completedSteps).toBe(1);
    expect((await c.get('/volumes/cp')).body.failedStates).toEqual([9]);
  });
});
