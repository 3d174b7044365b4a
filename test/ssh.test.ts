import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ssh2, { type Client } from 'ssh2';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, type RunningEmulator } from '../emulator/server.ts';
import { loadFixture } from '../emulator/fixtures.ts';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0, sshPort: 0, logLevel: 'silent' });
});
afterAll(() => emu.close());

function connect(user = '3paradm', password = '3pardata'): Promise<Client> {
  return new Promise((resolve, reject) => {
    const c = new ssh2.Client();
    c.on('ready', () => resolve(c));
    c.on('error', reject);
    c.connect({ host: '127.0.0.1', port: emu.arrays[0]!.sshPort!, username: user, password });
  });
}

/** What python-3parclient does: a shell with a pty, everything typed ahead, read until the channel closes. */
async function pythonStyle(command: string): Promise<{ text: string; code: number | undefined }> {
  const c = await connect();
  try {
    return await new Promise((resolve, reject) => {
      c.shell({ term: 'vt100' }, (err, stream) => {
        if (err) return reject(err);
        let text = '';
        let code: number | undefined;
        stream.on('data', (d: Buffer) => (text += d.toString()));
        stream.on('exit', (c: number) => (code = c));
        stream.on('close', () => resolve({ text, code }));
        stream.write(`setclienv csvtable 1\n${command}\nexit\n`);
      });
    });
  } finally {
    c.end();
  }
}

function exec(command: string, user?: string, password?: string): Promise<{ out: string; code: number | undefined }> {
  return connect(user, password).then(
    (c) =>
      new Promise((resolve, reject) => {
        c.exec(command, (err, stream) => {
          if (err) return reject(err);
          let out = '';
          let code: number | undefined;
          stream.on('data', (d: Buffer) => (out += d.toString()));
          stream.on('exit', (x: number) => (code = x));
          stream.on('close', () => {
            c.end();
            resolve({ out, code });
          });
        });
      }),
  );
}

/** python-3parclient's default stripper: lines 5 … -2 of the CRLF-split output. */
const legacyStrip = (text: string) => {
  const lines = text.split('\r\n');
  return lines.slice(5, lines.length - 2);
};

describe('the CLI over SSH', () => {
  it('frames a typed-ahead shell the way python-3parclient strips it: echo, prompt lines, output, exit 0', async () => {
    const { text, code } = await pythonStyle('showpatch -hist');
    const lines = text.split('\r\n');
    expect(lines.slice(0, 5)).toEqual(['setclienv csvtable 1', 'showpatch -hist', 'exit', '3par-emu-01 cli% setclienv csvtable 1', '3par-emu-01 cli% showpatch -hist']);
    expect(lines.at(-2)).toBe('3par-emu-01 cli% exit');
    const out = legacyStrip(text);
    expect(out[0]).toBe('InstallTime,Id,Package,Version');
    expect(out.slice(1).map((l) => l.split(',')[1])).toEqual(['P04', 'P06']);
    expect(code).toBe(0);
  });

  it('keeps the five framing lines when the client writes only after the first prompt (a slow connection)', async () => {
    const c = await connect();
    try {
      const text = await new Promise<string>((resolve, reject) => {
        c.shell({ term: 'vt100' }, (err, stream) => {
          if (err) return reject(err);
          let out = '';
          let sent = false;
          stream.on('data', (d: Buffer) => {
            out += d.toString();
            if (!sent && out.endsWith('cli% ')) {
              sent = true;
              out = '';
              stream.write('setclienv csvtable 1\nshowpatch -hist\nexit\n');
            }
          });
          stream.on('close', () => resolve(out));
        });
      });
      expect(legacyStrip('3par-emu-01 cli% ' + text)[0]).toBe('InstallTime,Id,Package,Version');
    } finally {
      c.end();
    }
  });

  it('shares state with the WSAPI: a host made over SSH is served by GET /hosts and removed by REST', async () => {
    const created = await pythonStyle('createhost -persona 2 sshhost 10000000C9AABB01');
    expect(legacyStrip(created.text)).toEqual([]);
    const login = await fetch(`${emu.url}/credentials`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: '3paradm', password: '3pardata' }) });
    const { key } = (await login.json()) as { key: string };
    const h = { 'X-HP3PAR-WSAPI-SessionKey': key };
    const host = (await (await fetch(`${emu.url}/hosts/sshhost`, { headers: h })).json()) as { FCPaths: { wwn: string }[] };
    expect(host.FCPaths.map((p) => p.wwn)).toEqual(['10000000C9AABB01']);
    // python-3parclient's findHost: a second host with the same WWN names the owner.
    const again = await pythonStyle('createhost tmp1234 10000000C9AABB01');
    expect(legacyStrip(again.text).join(' ')).toContain('already used by host sshhost');
    expect((await fetch(`${emu.url}/hosts/sshhost`, { method: 'DELETE', headers: h })).status).toBe(200);
    const gone = await exec('showhost sshhost');
    expect(gone.out.trim()).toBe('No hosts listed');
  });

  it('answers exec requests without prompt or echo; unknown commands and bad options as errors, exit status 1', async () => {
    const sys = await exec('showsys');
    expect(sys.out.split('\n')[2]).toContain('3par-emu-01');
    expect(sys.out.split('\n')[2]).toMatch(/^0x185D9 /);
    expect(sys.code).toBe(0);
    const unknown = await exec('frobnicate');
    expect(unknown.out.trim()).toBe('Invalid command name "frobnicate"');
    expect(unknown.code).toBe(1);
    const bad = await exec('showpatch -zz');
    expect(bad.out.split('\n')[0]).toBe('showpatch: Invalid option -zz');
    expect(bad.code).toBe(1);
  });

  it('refuses a wrong password and keeps browse users to reading', async () => {
    await expect(exec('showsys', '3paradm', 'wrong')).rejects.toThrow();
    const denied = await exec('createhost nope', '3parbrowse', '3parbrowse');
    expect(denied.code).toBe(1);
    expect(denied.out).toContain('Permission denied');
    expect((await exec('showsys', '3parbrowse', '3parbrowse')).code).toBe(0);
  });

  it('records CLI commands in the journal and lets fault rules target them by command name', async () => {
    emu.faults.add({ match: { operation: 'showsys' }, effect: { type: 'busy' }, budget: { kind: 'times', n: 1 } });
    const busy = await exec('showsys');
    expect(busy.code).toBe(1);
    expect((await exec('showsys')).code).toBe(0);
    const entries = emu.journal.query({ operation: 'showsys' });
    expect(entries.at(-2)).toMatchObject({ method: 'SSH', status: 1, effect: 'busy' });
    expect(entries.at(-1)).toMatchObject({ method: 'SSH', status: 0, user: '3paradm' });
    emu.faults.clear();
  });

  it('keeps its host key beside the state file, so a restarted array presents the same key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emu-ssh-'));
    const stateFile = join(dir, 'state.json');
    const presented = async () => {
      const e = await startEmulator({ port: 0, sshPort: 0, stateFile, logLevel: 'silent' });
      try {
        return await new Promise<string>((resolve, reject) => {
          const c = new ssh2.Client();
          let key = '';
          c.on('ready', () => {
            c.end();
            resolve(key);
          });
          c.on('error', reject);
          c.connect({ host: '127.0.0.1', port: e.arrays[0]!.sshPort!, username: '3paradm', password: '3pardata', hostVerifier: (k: Buffer) => ((key = k.toString('base64')), true) });
        });
      } finally {
        await e.close();
      }
    };
    const first = await presented();
    const keyFile = `${stateFile}.ssh_host_rsa_key`;
    expect(readFileSync(keyFile, 'utf8')).toContain('PRIVATE KEY');
    expect(await presented()).toBe(first);
    // The file is what decides: a different key there is the key presented after the next start.
    writeFileSync(keyFile, generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey);
    expect(await presented()).not.toBe(first);
  });

  it('holds the array to its CLI session cap when the fixture sets one', async () => {
    const fixture = loadFixture('default');
    const capped = { ...fixture, arrays: [{ ...fixture.arrays[0]!, profile: { ...fixture.arrays[0]!.profile, sshMaxSessions: 1 } }] };
    const e = await startEmulator({ fixture: capped, port: 0, sshPort: 0, logLevel: 'silent' });
    const open = (): Promise<InstanceType<typeof ssh2.Client>> =>
      new Promise((resolve, reject) => {
        const c = new ssh2.Client();
        c.on('ready', () => resolve(c));
        c.on('error', reject);
        c.connect({ host: '127.0.0.1', port: e.arrays[0]!.sshPort!, username: '3paradm', password: '3pardata' });
      });
    try {
      const first = await open();
      await expect(open()).rejects.toThrow();
      await new Promise((r) => {
        first.once('end', () => r(undefined));
        first.end();
      });
      // The server counts the session gone once it sees the close; a later login gets in.
      let again: InstanceType<typeof ssh2.Client> | undefined;
      for (let i = 0; i < 50 && !again; i++) again = await open().catch(() => undefined);
      expect(again).toBeDefined();
      again!.end();
    } finally {
      await e.close();
    }
  });
});
