import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/server.ts';
import { loadFixture } from '../emulator/fixtures.ts';
import type { FixtureFile } from '../emulator/model/boot.ts';

let running: RunningEmulator | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

function twoArrays(): FixtureFile {
  const base = loadFixture('default').arrays[0]!;
  return {
    arrays: [
      { ...base, key: 'primary' },
      { ...base, key: 'secondary', profile: { ...base.profile, name: '3par-emu-02', systemId: 99802, serialNumber: 'CZ3817EMU2' } },
    ],
  };
}

describe('listeners', () => {
  it('serves each array of a fixture on its own port with its own sessions', async () => {
    running = await startEmulator({ fixture: twoArrays(), port: 0 });
    expect(running.arrays.map((a) => a.key)).toEqual(['primary', 'secondary']);
    const [p, s] = running.arrays.map((a) => a.url.replace(/\/api\/v1$/, ''));
    const login = await request(p!).post('/api/v1/credentials').send({ user: '3paradm', password: '3pardata' }).expect(201);
    const key = login.body.key as string;
    await request(p!).get('/api/v1/system').set('X-HP3PAR-WSAPI-SessionKey', key).expect(200).expect((r) => expect(r.body.id).toBe(99801));
    // The key belongs to the primary only.
    await request(s!).get('/api/v1/system').set('X-HP3PAR-WSAPI-SessionKey', key).expect(403);
    const key2 = (await request(s!).post('/api/v1/credentials').send({ user: '3paradm', password: '3pardata' })).body.key;
    await request(s!).get('/api/v1/system').set('X-HP3PAR-WSAPI-SessionKey', key2).expect(200).expect((r) => expect(r.body.id).toBe(99802));
    const ready = await request(s!).get('/_emulator/ready').expect(200);
    expect(ready.body.arrays).toEqual({ primary: running.arrays[0]!.url, secondary: running.arrays[1]!.url });
  });

  it('uses consecutive ports from a fixed base port', async () => {
    // Other test files bind free ports at the same time: a probed port pair may be taken before we use it.
    let free = 0;
    for (let attempt = 0; attempt < 5 && !running; attempt++) {
      const probe = await startEmulator({ port: 0 });
      free = probe.arrays[0]!.port;
      await probe.close();
      running = await startEmulator({ fixture: twoArrays(), port: free }).catch(() => undefined);
    }
    expect(running!.arrays.map((a) => a.port)).toEqual([free, free + 1]);
  });

  it('answers with Connection: close like the array', async () => {
    running = await startEmulator({ port: 0 });
    const root = running.url.replace(/\/api\/v1$/, '');
    const r = await request(root).get('/api').expect(200);
    expect(r.headers['connection']).toBe('close');
    expect(r.text).toBe('{"major":1,"minor":6,"revision":0,"build":30301215}\n');
  });
});

describe('control API', () => {
  it('resets to the fixture, exports and imports state, and moves the clock', async () => {
    running = await startEmulator({ port: 0, frozenAtMs: Date.UTC(2026, 0, 1) });
    const root = running.url.replace(/\/api\/v1$/, '');
    const key = (await request(root).post('/api/v1/credentials').send({ user: '3paradm', password: '3pardata' })).body.key;
    const auth = { 'X-HP3PAR-WSAPI-SessionKey': key };
    await request(root).post('/api/v1/cpgs').set(auth).send({ name: 'temp' }).expect(201);
    const exported = (await request(root).get('/_emulator/state').expect(200)).body;
    expect(Object.keys(exported.arrays.array1.cpgs)).toContain('temp');

    await request(root).post('/_emulator/reset').expect(200);
    await request(root).get('/api/v1/cpgs/temp').set(auth).expect(403); // the reset dropped the session too
    await request(root).put('/_emulator/state').send(exported).expect(200);
    await request(root).get('/api/v1/cpgs/temp').set(auth).expect(200);
    await request(root).put('/_emulator/state').send({ nonsense: true }).expect(400);
    await request(root).put('/_emulator/state').send({ ...exported, formatVersion: 2 }).expect(400);
    await request(root).put('/_emulator/state').send({ ...exported, arrays: { array1: { key: 'array1' } } }).expect(400);
    await request(root).get('/api/v1/cpgs/temp').set(auth).expect(200); // refused imports changed nothing

    const clock = await request(root).post('/_emulator/clock').send({ advanceSeconds: 901 }).expect(200);
    expect(clock.body).toMatchObject({ mode: 'frozen', nowMs: Date.UTC(2026, 0, 1) + 901_000 });
    await request(root).get('/api/v1/cpgs/temp').set(auth).expect(403);
    await request(root).post('/_emulator/clock').send({ advanceSeconds: -1 }).expect(400);
  });

  it('kills one session on request', async () => {
    running = await startEmulator({ port: 0 });
    const root = running.url.replace(/\/api\/v1$/, '');
    const key = (await request(root).post('/api/v1/credentials').send({ user: '3paradm', password: '3pardata' })).body.key;
    expect((await request(root).get('/_emulator/sessions')).body).toHaveLength(1);
    await request(root).delete(`/_emulator/sessions/${key}`).expect(200);
    await request(root).get('/api/v1/system').set('X-HP3PAR-WSAPI-SessionKey', key).expect(403);
    await request(root).delete(`/_emulator/sessions/${key}`).expect(404);
  });
});
