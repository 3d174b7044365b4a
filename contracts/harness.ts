/**
 * Where the contract suites point: an in-process emulator by default, or any WSAPI base URL (a running emulator,
 * a real array) through WSAPI_URL. Suites only speak HTTP, so the same checks judge both.
 *
 *   WSAPI_URL=https://array:8080/api/v1 WSAPI_USER=... WSAPI_PASSWORD=... NODE_TLS_REJECT_UNAUTHORIZED=0 npm run contracts
 *
 * Optional: WSAPI_BROWSE_USER / WSAPI_BROWSE_PASSWORD (a browse-role account), WSAPI_DOMAIN (an existing domain).
 * Everything a suite creates is named ctr-<random> and removed again.
 */
import { startEmulator, type RunningEmulator } from '../emulator/server.ts';

export interface Target {
  readonly baseUrl: string;
  readonly user: string;
  readonly password: string;
  readonly browse?: { user: string; password: string };
  readonly domain?: string;
  /** true when the suite runs against the emulator it started itself */
  readonly inProcess: boolean;
  close(): Promise<void>;
}

export async function openTarget(): Promise<Target> {
  const url = process.env.WSAPI_URL;
  if (url) {
    const browseUser = process.env.WSAPI_BROWSE_USER;
    return {
      baseUrl: url.replace(/\/+$/, ''),
      user: process.env.WSAPI_USER ?? '3paradm',
      password: process.env.WSAPI_PASSWORD ?? '3pardata',
      ...(browseUser ? { browse: { user: browseUser, password: process.env.WSAPI_BROWSE_PASSWORD ?? '' } } : {}),
      ...(process.env.WSAPI_DOMAIN ? { domain: process.env.WSAPI_DOMAIN } : {}),
      inProcess: false,
      close: async () => {},
    };
  }
  const emu: RunningEmulator = await startEmulator({ port: 0, logLevel: 'silent' });
  return {
    baseUrl: emu.url,
    user: '3paradm',
    password: '3pardata',
    browse: { user: '3parbrowse', password: '3parbrowse' },
    domain: 'DOMAIN_A',
    inProcess: true,
    close: () => emu.close(),
  };
}

/**
 * Two arrays in a remote-copy partnership, for the replication suites: the in-process `pair` fixture by default, or
 * WSAPI_URL (primary) and WSAPI_PEER_URL (secondary) with WSAPI_RC_TARGET (the primary's target name for the peer)
 * and WSAPI_RC_CPG (a CPG name both arrays have). Credentials are the same on both (WSAPI_USER/WSAPI_PASSWORD).
 */
export interface PairTarget {
  readonly primary: Target;
  readonly secondary: Target;
  readonly rcTarget: string;
  readonly cpg: string;
  close(): Promise<void>;
}

export async function openPair(): Promise<PairTarget> {
  const url = process.env.WSAPI_URL;
  const peer = process.env.WSAPI_PEER_URL;
  if (url && peer) {
    const remote = (baseUrl: string): Target => ({
      baseUrl: baseUrl.replace(/\/+$/, ''),
      user: process.env.WSAPI_USER ?? '3paradm',
      password: process.env.WSAPI_PASSWORD ?? '3pardata',
      inProcess: false,
      close: async () => {},
    });
    return { primary: remote(url), secondary: remote(peer), rcTarget: process.env.WSAPI_RC_TARGET ?? '', cpg: process.env.WSAPI_RC_CPG ?? '', close: async () => {} };
  }
  const emu: RunningEmulator = await startEmulator({ port: 0, fixture: 'pair', logLevel: 'silent' });
  const local = (baseUrl: string): Target => ({ baseUrl, user: '3paradm', password: '3pardata', inProcess: true, close: async () => {} });
  return { primary: local(emu.arrays[0]!.url), secondary: local(emu.arrays[1]!.url), rcTarget: emu.arrays[1]!.name, cpg: 'FC_r1', close: () => emu.close() };
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

/** Status, headers, exact text, and the JSON body when there is one. */
export async function readReply(res: Response): Promise<Reply> {
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, text, body };
}

/** A minimal WSAPI client: JSON in, JSON out, the session header, nothing clever. */
export class WsapiClient {
  key: string | undefined;
  constructor(readonly target: Target) {}

  /** URL of the host root (for GET /api) */
  get root(): string {
    return this.target.baseUrl.replace(/\/api\/v1$/, '');
  }

  async raw(method: string, url: string, body?: string, headers: Record<string, string> = {}): Promise<Reply> {
    const h: Record<string, string> = { Accept: 'application/json', ...headers };
    if (this.key) h['X-HP3PAR-WSAPI-SessionKey'] = this.key;
    if (body !== undefined) h['Content-Type'] ??= 'application/json';
    const res = await fetch(url, { method, headers: h, ...(body !== undefined ? { body } : {}) });
    return readReply(res);
  }

  call(method: string, path: string, body?: unknown): Promise<Reply> {
    return this.raw(method, this.target.baseUrl + path, body === undefined ? undefined : JSON.stringify(body));
  }

  async login(user = this.target.user, password = this.target.password): Promise<string> {
    const r = await this.call('POST', '/credentials', { user, password });
    if (r.status !== 201) throw new Error(`login as ${user} failed: ${r.status} ${r.text}`);
    this.key = r.body.key as string;
    return this.key;
  }

  async logout(): Promise<void> {
    if (this.key) await this.call('DELETE', `/credentials/${this.key}`);
    this.key = undefined;
  }
}

export function uniqueName(prefix = 'ctr'): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
}
