/**
 * A small typed WSAPI client for scenarios, behaving like the clients our users run: it logs in, re-logs in once
 * on 401/403 and replays the call (python-3parclient), and retries 503s with a growing pause.
 */
export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export class ScenarioClient {
  key: string | undefined;
  /** how many times each kind of recovery happened: what the busy and expiry scenarios assert */
  readonly recoveries = { relogins: 0, busyRetries: 0 };

  constructor(
    readonly baseUrl: string,
    private readonly user = '3paradm',
    private readonly password = '3pardata',
    private readonly retryPauseMs = 20,
  ) {}

  get root(): string {
    return this.baseUrl.replace(/\/api\/v1$/, '');
  }

  private async once(method: string, path: string, body?: unknown): Promise<Reply> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.key) headers['X-HP3PAR-WSAPI-SessionKey'] = this.key;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(this.baseUrl + path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  }

  async login(): Promise<void> {
    const r = await this.once('POST', '/credentials', { user: this.user, password: this.password });
    if (r.status !== 201) throw new Error(`login failed: ${r.status} ${r.text}`);
    this.key = r.body.key;
  }

  async call<T = any>(method: string, path: string, body?: unknown): Promise<Reply<T>> {
    let relogged = false;
    for (let attempt = 0; ; attempt++) {
      const r = await this.once(method, path, body);
      if (r.status === 503 && attempt < 5) {
        this.recoveries.busyRetries++;
        await new Promise((res) => setTimeout(res, this.retryPauseMs * 2 ** attempt));
        continue;
      }
      if ((r.status === 401 || r.status === 403) && !relogged && path !== '/credentials') {
        relogged = true;
        this.recoveries.relogins++;
        await this.login();
        continue;
      }
      return r;
    }
  }

  get = <T = any>(path: string) => this.call<T>('GET', path);
  post = <T = any>(path: string, body?: unknown) => this.call<T>('POST', path, body ?? {});
  put = <T = any>(path: string, body?: unknown) => this.call<T>('PUT', path, body ?? {});
  delete = <T = any>(path: string) => this.call<T>('DELETE', path);

  /** The emulator's control API (outside the WSAPI, no session). */
  async control<T = any>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.root}/_emulator${path}`, { method, ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } } : {}) });
    const text = await res.text();
    if (!res.ok) throw new Error(`control ${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Poll a task like cinder does until it is no longer active. */
  async waitForTask(id: number, advanceClock = true): Promise<any> {
    for (let i = 0; i < 200; i++) {
      const t = (await this.get(`/tasks/${id}`)).body;
      if (t.status !== 2) return t;
      // Scenarios run with a frozen clock: move it instead of sleeping.
      if (advanceClock) await this.control('POST', '/clock', { advanceSeconds: 1 });
    }
    throw new Error(`task ${id} still active`);
  }
}
