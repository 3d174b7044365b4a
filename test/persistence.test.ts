import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEmulator, startEmulator } from '../emulator/server.ts';
import { StateFileError } from '../emulator/persistence.ts';
import { createCpg } from '../emulator/model/cpg.ts';
import { createVolume } from '../emulator/model/volume.ts';
import { login } from '../emulator/model/session.ts';
import { SYSTEM_ACTOR } from '../emulator/model/fabric.ts';

const dir = () => mkdtempSync(join(tmpdir(), 'emu-state-'));

describe('state file', () => {
  it('restores what was created, but not the sessions', () => {
    const file = join(dir(), 'state.json');
    const a = createEmulator({ stateFile: file });
    a.fabric.run('array1', SYSTEM_ACTOR, createCpg({ name: 'kept' }));
    a.fabric.run('array1', SYSTEM_ACTOR, createVolume({ name: 'vol', cpg: 'kept', sizeMiB: 1024 }));
    a.fabric.run('array1', SYSTEM_ACTOR, login({ user: '3paradm', password: '3pardata', clientAddress: 'x' }));
    const b = createEmulator({ stateFile: file });
    const arr = b.fabric.array('array1');
    expect(arr.cpgs['kept']!.usage.userMiB).toBe(1024);
    expect(arr.volumes['vol']!.wwn).toBe(a.fabric.array('array1').volumes['vol']!.wwn);
    expect(Object.keys(arr.sessions)).toHaveLength(0);
    expect(arr.dueMs).toBe(Number.POSITIVE_INFINITY);
  });

  it('does not rewrite the file for session-only traffic', async () => {
    const file = join(dir(), 'state.json');
    const emu = createEmulator({ stateFile: file });
    const before = readFileSync(file, 'utf8');
    const r = await emu.app().request('/api/v1/credentials', { method: 'POST', body: JSON.stringify({ user: '3paradm', password: '3pardata' }) });
    const key = ((await r.json()) as { key: string }).key;
    await emu.app().request('/api/v1/system', { headers: { 'X-HP3PAR-WSAPI-SessionKey': key } });
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('refuses an unknown format version or a broken file with a clear message', () => {
    const d = dir();
    writeFileSync(join(d, 'v2.json'), JSON.stringify({ format: 'hpe3par-emulator-state', formatVersion: 2, fabric: {} }));
    expect(() => createEmulator({ stateFile: join(d, 'v2.json') })).toThrow(/format version 2; this emulator reads version 1/);
    writeFileSync(join(d, 'bad.json'), '{"format": ');
    expect(() => createEmulator({ stateFile: join(d, 'bad.json') })).toThrow(StateFileError);
  });

  it('survives kill -9 in the middle of a stream of creates: every acknowledged create is there after restart', async () => {
    const file = join(dir(), 'state.json');
    const start = () =>
      new Promise<{ child: ChildProcess; url: string }>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/cli.ts', '--port', '0', '--log-level', 'silent', '--state-file', file], { stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        child.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /WSAPI at (\S+)/.exec(out);
          if (m) resolve({ child, url: m[1]! });
        });
        child.once('exit', (code) => reject(new Error(`emulator exited early (${code})`)));
      });
    const { child, url } = await start();
    const post = (path: string, body: unknown, key?: string) =>
      fetch(url + path, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(key ? { 'X-HP3PAR-WSAPI-SessionKey': key } : {}) }, body: JSON.stringify(body) });
    const key = ((await (await post('/credentials', { user: '3paradm', password: '3pardata' })).json()) as { key: string }).key;
    const acked: string[] = [];
    // Many creates in flight at once; the process dies while some are still unanswered.
    const inflight = Array.from({ length: 150 }, (_, i) =>
      post('/cpgs', { name: `c${i}` }, key).then(
        (r) => void (r.status === 201 && acked.push(`c${i}`)),
        () => undefined,
      ),
    );
    while (acked.length < 20) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGKILL');
    await Promise.all(inflight);
    const again = await start();
    try {
      const r = await fetch(again.url + '/credentials', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: '3paradm', password: '3pardata' }) });
      const k = ((await r.json()) as { key: string }).key;
      const cpgs = (await (await fetch(again.url + '/cpgs', { headers: { 'X-HP3PAR-WSAPI-SessionKey': k } })).json()) as { members: { name: string }[] };
      const names = new Set(cpgs.members.map((m) => m.name));
      for (const n of acked) expect(names.has(n)).toBe(true);
      expect(acked.length).toBeGreaterThanOrEqual(20);
    } finally {
      again.child.kill('SIGKILL');
    }
  }, 30_000);
});

describe('HTTPS', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => close?.());

  it('serves the WSAPI over TLS with a certificate clients can pin as their CA', async () => {
    const emu = await startEmulator({ port: 0, tls: true });
    close = () => emu.close();
    expect(emu.url.startsWith('https://')).toBe(true);
    const u = new URL(emu.url);
    const get = (path: string, ca?: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        https
          .get({ hostname: u.hostname, port: u.port, path, ...(ca ? { ca } : { rejectUnauthorized: false }) }, (r) => {
            let d = '';
            r.on('data', (c) => (d += c));
            r.on('end', () => resolve({ status: r.statusCode!, body: d }));
          })
          .on('error', reject);
      });
    const pinned = await get('/api', emu.certificate);
    expect(pinned.status).toBe(200);
    expect(JSON.parse(pinned.body).build).toBe(30301215);
    const cert = await get('/_emulator/certificate', emu.certificate);
    expect(cert.body).toBe(emu.certificate);
    // Without the CA the certificate is refused, as for any self-signed array.
    await expect(new Promise((resolve, reject) => https.get({ hostname: u.hostname, port: u.port, path: '/api' }, resolve).on('error', reject))).rejects.toThrow();
  });
});
