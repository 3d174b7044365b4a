import { readReply, type Reply } from '../contracts/harness.ts';
import { createEmulator, type Emulator, type EmulatorOptions } from '../emulator/server.ts';

export const T0 = Date.UTC(2026, 0, 15, 9, 30, 0);

export function emulator(opts: EmulatorOptions = {}): Emulator {
  return createEmulator({ frozenAtMs: T0, ...opts });
}

export type WsapiReply = Reply;

/** A thin client over app.request, the way a WSAPI client talks to the array. */
export class InProcessClient {
  key: string | undefined;
  constructor(private readonly emu: Emulator, private readonly arrayKey?: string) {}

  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<WsapiReply> {
    const h: Record<string, string> = { Accept: 'application/json', ...headers };
    if (this.key && !('X-HP3PAR-WSAPI-SessionKey' in h)) h['X-HP3PAR-WSAPI-SessionKey'] = this.key;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      h['Content-Type'] ??= 'application/json';
    }
    const res = await this.emu.app(this.arrayKey).request(path, { method, headers: h, ...(payload !== undefined ? { body: payload } : {}) });
    return readReply(res);
  }

  async login(user = '3paradm', password = '3pardata'): Promise<string> {
    const r = await this.request('POST', '/api/v1/credentials', { user, password });
    if (r.status !== 201) throw new Error(`login failed: ${r.status} ${r.text}`);
    this.key = r.body.key;
    return this.key!;
  }

  get(path: string) {
    return this.request('GET', `/api/v1${path}`);
  }
  post(path: string, body?: unknown) {
    return this.request('POST', `/api/v1${path}`, body ?? {});
  }
  put(path: string, body?: unknown) {
    return this.request('PUT', `/api/v1${path}`, body ?? {});
  }
  delete(path: string) {
    return this.request('DELETE', `/api/v1${path}`);
  }
}

export async function loggedIn(emu: Emulator, user?: string, password?: string): Promise<InProcessClient> {
  const c = new InProcessClient(emu);
  await c.login(user, password);
  return c;
}
