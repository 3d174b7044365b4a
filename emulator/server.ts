import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { serve } from '@hono/node-server';
import selfsigned from 'selfsigned';
import type { Hono } from 'hono';
import pino, { type Logger } from 'pino';
import { buildFabric, arrayKeyOf, type FixtureFile } from './model/boot.ts';
import { VirtualClock } from './model/clock.ts';
import { Fabric } from './model/fabric.ts';
import { createArrayApp } from './routes/app.ts';
import type { AppEnv } from './routes/context.ts';
import { DEFAULT_MAX_BODY_BYTES } from './http/body.ts';
import { DEFAULT_FIXTURE, loadFixture } from './fixtures.ts';
import { loadStateFile, persistedChange, saveStateFile } from './persistence.ts';
import { FaultEngine } from './faults/engine.ts';
import { Journal } from './faults/journal.ts';
import { defaultHostKey, startSshServer, type SshListener } from './ssh/server.ts';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface EmulatorOptions {
  /** fixture name (fixtures/<name>.json), path, or an already-loaded fixture */
  fixture?: string | FixtureFile;
  /** seed of every generated id, key and uuid; the same seed and calls give the same replies */
  seed?: number;
  /** start with the clock frozen at this epoch-ms time (tests); default: real time */
  frozenAtMs?: number;
  logger?: Logger;
  logLevel?: string;
  maxBodyBytes?: number;
  /** keep the fabric in this file: loaded at start when present, saved after every change that matters */
  stateFile?: string;
}

export interface Emulator {
  readonly fabric: Fabric;
  readonly fixture: FixtureFile;
  /** array keys in fixture order */
  readonly arrayKeys: readonly string[];
  /** the Hono app serving one array (use app.request() in tests) */
  app(key?: string): Hono<AppEnv>;
  /** fault rules (add/list/remove/clear) and the request journal, shared by every array */
  readonly faults: FaultEngine;
  readonly journal: Journal;
  readonly logger: Logger;
  /** back to the fixture; fault rules and the journal are cleared too */
  reset(): void;
}

export const DEFAULT_SEED = 3002;

/** Build the fabric and one WSAPI app per array, without listening anywhere. */
export function createEmulator(
  opts: EmulatorOptions = {},
  urls: () => Record<string, string> = () => ({}),
  certificate: () => string | undefined = () => undefined,
): Emulator {
  const fixture = typeof opts.fixture === 'object' ? opts.fixture : loadFixture(opts.fixture ?? DEFAULT_FIXTURE);
  const seed = opts.seed ?? DEFAULT_SEED;
  const clock = new VirtualClock(opts.frozenAtMs !== undefined ? { frozenAtMs: opts.frozenAtMs } : {});
  const restored = opts.stateFile ? loadStateFile(opts.stateFile) : undefined;
  const fabric = new Fabric(restored ?? buildFabric(fixture, seed, clock.now()), clock);
  const logger = opts.logger ?? pino({ level: opts.logLevel ?? 'silent' });
  if (opts.stateFile) {
    const file = opts.stateFile;
    if (!restored) saveStateFile(file, fabric.state);
    // Saved inside the command's turn, before the reply goes out: an acknowledged change is on disk.
    fabric.onChange((next, previous) => {
      if (persistedChange(previous, next)) saveStateFile(file, next);
    });
    logger.info({ stateFile: file, restored: restored !== undefined }, 'state file');
  }
  const faults = new FaultEngine(seed);
  const journal = new Journal();
  const reset = () => {
    fabric.replace(buildFabric(fixture, seed, clock.now()));
    faults.reset();
    journal.reset();
  };
  const arrayKeys = fixture.arrays.map(arrayKeyOf);
  const apps = new Map<string, Hono<AppEnv>>();
  for (const arrayKey of arrayKeys) {
    apps.set(
      arrayKey,
      createArrayApp({ fabric, arrayKey, logger, maxBodyBytes: opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES, resetFabric: reset, urls, certificate, faults, journal }),
    );
  }
  return {
    fabric,
    fixture,
    arrayKeys,
    faults,
    journal,
    logger,
    app(key = arrayKeys[0]!) {
      const app = apps.get(key);
      if (!app) throw new Error(`no array "${key}"; arrays: ${arrayKeys.join(', ')}`);
      return app;
    },
    reset,
  };
}

export interface StartOptions extends EmulatorOptions {
  host?: string;
  /** WSAPI port of the first array; the n-th array listens on port + n. 0 picks free ports. */
  port?: number;
  /**
   * Serve HTTPS like the array's port 8080: `true` makes a self-signed certificate for the listen address,
   * localhost and the arrays' IPv4Addr; or give your own PEM certificate and key.
   */
  tls?: boolean | { cert: string; key: string };
  /**
   * The CLI over SSH: SSH port of the first array (the n-th listens on sshPort + n; 0 picks free ports). Off
   * when unset; the command line turns it on at WSAPI port + 1000.
   */
  sshPort?: number;
  /** PEM host key for the SSH listeners (default: one generated per process) */
  sshHostKey?: string;
}

export interface RunningArray {
  readonly key: string;
  readonly name: string;
  readonly port: number;
  /** base URL a client is given: http://host:port/api/v1 */
  readonly url: string;
  /** the CLI's SSH port, when SSH is on */
  readonly sshPort?: number;
}

export interface RunningEmulator extends Emulator {
  /** WSAPI base URL of the first array */
  readonly url: string;
  readonly arrays: readonly RunningArray[];
  /** PEM certificate the listeners present when serving HTTPS (give it to clients as their CA file) */
  readonly certificate?: string;
  close(): Promise<void>;
}

interface TlsMaterial {
  cert: string;
  key: string;
}

/** A self-signed certificate naming every address a client may use to reach the arrays. */
async function selfSignedCertificate(host: string, ips: string[]): Promise<TlsMaterial> {
  const names = new Set(['localhost', ...(/^[\d.]+$|:/.test(host) ? [] : [host])]);
  const addresses = new Set(['127.0.0.1', '::1', ...ips.filter((ip) => /^[\d.]+$|:/.test(ip)), ...(/^[\d.]+$|:/.test(host) && host !== '0.0.0.0' && host !== '::' ? [host] : [])]);
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'hp3par-emulator' }], {
    keySize: 2048,
    notAfterDate: new Date(Date.now() + 3650 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'subjectAltName', altNames: [...[...names].map((value) => ({ type: 2 as const, value })), ...[...addresses].map((ip) => ({ type: 7 as const, ip }))] },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

function listen(app: Hono<AppEnv>, host: string, port: number, tls: TlsMaterial | undefined): Promise<Server> {
  return new Promise((resolvePromise, reject) => {
    const server = (
      tls
        ? serve({ fetch: app.fetch, hostname: host, port, createServer: createHttpsServer, serverOptions: { cert: tls.cert, key: tls.key } })
        : serve({ fetch: app.fetch, hostname: host, port })
    ) as Server;
    server.once('listening', () => resolvePromise(server));
    server.once('error', reject);
  });
}

/** The SSH host key kept beside the state file, so clients that pinned it still trust the array after a restart. */
function persistedHostKey(file: string): string {
  if (existsSync(file)) return readFileSync(file, 'utf8');
  const key = defaultHostKey();
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}

/** Start every array of the fixture on its own port. */
export async function startEmulator(opts: StartOptions = {}): Promise<RunningEmulator> {
  const host = opts.host ?? '127.0.0.1';
  const basePort = opts.port ?? 8080;
  const urlMap: Record<string, string> = {};
  const emulator = createEmulator(opts, () => urlMap, () => tls?.cert);
  // Unset on the command line, the first array's profile decides.
  const wantTls = opts.tls ?? emulator.fabric.array(emulator.arrayKeys[0]!).profile.wsapi.tls ?? false;
  const tls: TlsMaterial | undefined =
    wantTls === true
      ? await selfSignedCertificate(host, emulator.arrayKeys.map((k) => emulator.fabric.array(k).profile.IPv4Addr))
      : typeof wantTls === 'object'
        ? wantTls
        : undefined;
  const scheme = tls ? 'https' : 'http';
  const servers: Server[] = [];
  const sshListeners: SshListener[] = [];
  let sshHostKey: string | undefined;
  const arrays: RunningArray[] = [];
  try {
    for (const [i, key] of emulator.arrayKeys.entries()) {
      const server = await listen(emulator.app(key), host, basePort === 0 ? 0 : basePort + i, tls);
      servers.push(server);
      const port = (server.address() as AddressInfo).port;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      const url = `${scheme}://${shownHost}:${port}/api/v1`;
      urlMap[key] = url;
      let sshPort: number | undefined;
      if (opts.sshPort !== undefined) {
        sshHostKey ??= opts.sshHostKey ?? (opts.stateFile ? persistedHostKey(`${opts.stateFile}.ssh_host_rsa_key`) : undefined);
        const ssh = await startSshServer(
          { fabric: emulator.fabric, arrayKey: key, faults: emulator.faults, journal: emulator.journal },
          { host, port: opts.sshPort === 0 ? 0 : opts.sshPort + i, logger: emulator.logger, ...(sshHostKey ? { hostKey: sshHostKey } : {}) },
        );
        sshListeners.push(ssh);
        sshPort = ssh.port;
      }
      arrays.push({ key, name: emulator.fabric.array(key).profile.name, port, url, ...(sshPort !== undefined ? { sshPort } : {}) });
    }
  } catch (e) {
    await Promise.all(servers.map((srv) => new Promise((r) => srv.close(r))));
    await Promise.all(sshListeners.map((l) => l.close()));
    throw e;
  }
  return {
    ...emulator,
    url: arrays[0]!.url,
    arrays,
    ...(tls ? { certificate: tls.cert } : {}),
    async close() {
      await Promise.all(sshListeners.map((l) => l.close()));
      await Promise.all(
        servers.map(
          (srv) =>
            new Promise<void>((r) => {
              srv.close(() => r());
              srv.closeAllConnections?.();
            }),
        ),
      );
    },
  };
}
