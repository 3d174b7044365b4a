import { describe, expect, it } from 'vitest';
import { emulator, InProcessClient, loggedIn } from '../helpers.ts';

describe('sessions', () => {
  it('logs in with 201, a key in the body and a relative Location', async () => {
    const c = new InProcessClient(emulator());
    const r = await c.request('POST', '/api/v1/credentials', { user: '3paradm', password: '3pardata' });
    expect(r.status).toBe(201);
    expect(r.body.key).toMatch(/^0-[0-9a-f]{32}-[0-9a-f]{8}$/);
    expect(r.headers.get('location')).toBe(`/api/v1/credentials/${r.body.key}`);
    expect(r.text.endsWith('}\n')).toBe(true);
  });

  it('refuses a wrong password with 403 code 5 and creates no session', async () => {
    const emu = emulator();
    const c = new InProcessClient(emu);
    const r = await c.request('POST', '/api/v1/credentials', { user: '3paradm', password: 'nope' });
    expect(r.status).toBe(403);
    expect(r.body).toEqual({ code: 5, desc: 'invalid user or password' });
    expect(Object.keys(emu.fabric.array('array1').sessions)).toHaveLength(0);
  });

  it('asks for user and password', async () => {
    const c = new InProcessClient(emulator());
    const r = await c.request('POST', '/api/v1/credentials', { user: '3paradm' });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 40, ref: 'password' });
  });

  it('answers a missing, unknown or logged-out key with 403 code 6', async () => {
    const emu = emulator();
    const anon = new InProcessClient(emu);
    expect((await anon.get('/system')).body).toEqual({ code: 6, desc: 'invalid session key' });
    anon.key = '0-00000000000000000000000000000000-00000000';
    expect((await anon.get('/system')).status).toBe(403);

    const c = await loggedIn(emu);
    expect((await c.get('/system')).status).toBe(200);
    expect((await c.delete(`/credentials/${c.key}`)).status).toBe(200);
    const after = await c.get('/system');
    expect(after.status).toBe(403);
    expect(after.body.code).toBe(6);
  });

  it('expires a key idle for the session timeout on the virtual clock, and each use restarts the timer', async () => {
    const emu = emulator();
    const c = await loggedIn(emu);
    emu.fabric.clock.advance(14 * 60_000);
    expect((await c.get('/system')).status).toBe(200);
    emu.fabric.clock.advance(14 * 60_000);
    expect((await c.get('/system')).status).toBe(200);
    emu.fabric.clock.advance(15 * 60_000);
    const r = await c.get('/system');
    expect(r.status).toBe(403);
    expect(r.body.code).toBe(6);
  });

  it('caps live sessions at the profile limit with 503 code 31, and a logout frees a slot', async () => {
    const emu = emulator();
    const cap = emu.fabric.array('array1').profile.wsapi.maxSessions;
    const clients: InProcessClient[] = [];
    for (let i = 0; i < cap; i++) clients.push(await loggedIn(emu));
    const extra = new InProcessClient(emu);
    const refused = await extra.request('POST', '/api/v1/credentials', { user: '3paradm', password: '3pardata' });
    expect(refused.status).toBe(503);
    expect(refused.body.code).toBe(31);
    await clients[0]!.delete(`/credentials/${clients[0]!.key}`);
    expect((await extra.request('POST', '/api/v1/credentials', { user: '3paradm', password: '3pardata' })).status).toBe(201);
  });

  it('lets idle-expired sessions free their slots', async () => {
    const emu = emulator();
    const cap = emu.fabric.array('array1').profile.wsapi.maxSessions;
    for (let i = 0; i < cap; i++) await loggedIn(emu);
    emu.fabric.clock.advance(16 * 60_000);
    expect((await new InProcessClient(emu).request('POST', '/api/v1/credentials', { user: '3paradm', password: '3pardata' })).status).toBe(201);
  });

  it('gives a browse user 403 code 13 on writes but lets it read', async () => {
    const emu = emulator();
    const c = await loggedIn(emu, '3parbrowse', '3parbrowse');
    expect((await c.get('/cpgs')).status).toBe(200);
    const r = await c.post('/cpgs', { name: 'ro_try' });
    expect(r.status).toBe(403);
    expect(r.body).toEqual({ code: 13, desc: 'permission denied' });
    expect(emu.fabric.array('array1').cpgs['ro_try']).toBeUndefined();
  });

  it('serves GET /api without a key', async () => {
    const r = await new InProcessClient(emulator()).request('GET', '/api');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ major: 1, minor: 6, revision: 0, build: 30301215 });
  });

  it('draws the same keys from the same seed', async () => {
    const a = await loggedIn(emulator({ seed: 7 }));
    const b = await loggedIn(emulator({ seed: 7 }));
    const c = await loggedIn(emulator({ seed: 8 }));
    expect(a.key).toBe(b.key);
    expect(a.key).not.toBe(c.key);
  });
});
