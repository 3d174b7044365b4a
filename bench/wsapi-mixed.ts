// Mixed-workload benchmark of the WSAPI emulator (not a test): read-heavy polling like a storage driver's
// stats loop, CPG create/get/delete, and occasional login/logout, against a collection of --cpgs CPGs.
// Usage: npm run bench -- [--url http://127.0.0.1:8080/api/v1] [--sessions 32] [--connections N]
//        [--duration 10] [--cpgs 500] [--json]
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startEmulator, type RunningEmulator } from '../emulator/server.ts';

const { values: flags } = parseArgs({
  options: {
    url: { type: 'string' },
    sessions: { type: 'string', default: '32' },
    connections: { type: 'string' },
    duration: { type: 'string', default: '10' },
    cpgs: { type: 'string', default: '500' },
    json: { type: 'boolean', default: false },
  },
});

function positiveInt(name: string, raw: string, min = 1): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer >= ${min}, got "${raw}"`);
  return n;
}

const sessions = positiveInt('sessions', flags.sessions);
const connections = flags.connections === undefined ? sessions : positiveInt('connections', flags.connections);
const duration = positiveInt('duration', flags.duration);
const preCpgs = positiveInt('cpgs', flags.cpgs, 0);

// The in-process emulator runs on this same event loop as autocannon, so its figures include client CPU;
// start the emulator separately and pass --url to measure the server alone.
const emu: RunningEmulator | undefined = flags.url ? undefined : await startEmulator({ port: 0, fixture: 'default', logLevel: 'silent' });
const base = (flags.url ?? emu!.url).replace(/\/+$/, '');
const origin = new URL(base).origin;
const apiPath = new URL(base).pathname; // e.g. /api/v1, prefixed to autocannon paths

// The array refuses a login beyond wsapi.maxSessions live sessions (503, code 31 SVC_UNAVAIL). The benchmark's
// own sessions plus its concurrent login/logout probes must stay under that cap, or the run measures refusals.
const maxSessions = emu?.fixture.arrays[0]?.profile.wsapi.maxSessions ?? 36;
if (sessions > maxSessions) throw new Error(`--sessions ${sessions} exceeds the array's cap of ${maxSessions} live sessions`);
const loginHeadroom = maxSessions - sessions; // how many extra sessions the login/logout probes may hold at once

async function call(method: string, path: string, opts: { key?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (opts.key) headers['X-HP3PAR-WSAPI-SessionKey'] = opts.key;
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(base + path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

const CREDS = { user: '3paradm', password: '3pardata' };
const LAYOUT = { RAIDType: 2, setSize: 2, diskPatterns: [{ diskType: 1 }] };

async function login(): Promise<string> {
  const r = await call('POST', '/credentials', { body: CREDS });
  if (r.status !== 201 || typeof r.json.key !== 'string') throw new Error(`login failed: ${r.status} ${JSON.stringify(r.json)}`);
  return r.json.key;
}

/** Run fn over items with at most `width` in flight (each request is its own TCP connection). */
async function pool<T>(items: readonly T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

const keys = await Promise.all(Array.from({ length: sessions }, login));

// A run tag keeps names unique when --url points at an emulator that outlives one run (CPG names: max 31 chars).
const tag = Date.now().toString(36).slice(-5);
const preNames = Array.from({ length: preCpgs }, (_, i) => `b${tag}-pre-${i}`);
await pool(preNames, 16, async (name) => {
  const r = await call('POST', '/cpgs', { key: keys[0], body: { name, LDLayout: LAYOUT } });
  if (r.status !== 201) throw new Error(`pre-create ${name}: ${r.status} ${JSON.stringify(r.json)}`);
});

// autocannon 8 writes the next request on the socket it just read a reply from, but the array closes every
// connection after its reply: that request is lost and its stale queue entry inflates every later latency.
// So after a `Connection: close` reply, open a new connection first, as a real client must (it is measured).
type ClientInternals = { destroyed: boolean; _doRequest(): void; _destroyConnection(): void; _connect(): void };
function reconnectOnClose(client: autocannon.Client): void {
  const c = client as unknown as ClientInternals;
  if (typeof c._doRequest !== 'function' || typeof c._destroyConnection !== 'function' || typeof c._connect !== 'function') {
    throw new Error('autocannon client internals changed; the Connection: close workaround needs updating');
  }
  const send = c._doRequest.bind(c);
  let closing = false;
  client.on('headers', (info: unknown) => void (closing = (info as { shouldKeepAlive?: boolean }).shouldKeepAlive === false));
  c._doRequest = () => {
    if (!closing || c.destroyed) return send();
    closing = false;
    c._destroyConnection();
    c._connect(); // sends the next request on the new connection
  };
}

type Req = autocannon.Request;
let nextConn = 0;
let probesLive = 0; // login/logout probes holding an extra session right now
let probes = 0;
const liveCpgs = new Set<string>(); // maybe created and not deleted: a run can stop mid-cycle, mid-request

/** One connection's request cycle; it keeps one session key, spread round-robin over the connections. */
function connectionRequests(conn: number): Req[] {
  const key = keys[conn % keys.length]!;
  let cycle = 0;
  let made = 0;
  let cpg: string | undefined;
  let probeKey: string | undefined;
  const req = (method: Req['method'], path: string, body?: unknown, sessionKey: string | null = key): Req => ({
    method,
    path: apiPath + path,
    headers: { ...(sessionKey && { 'X-HP3PAR-WSAPI-SessionKey': sessionKey }), ...(body !== undefined && { 'Content-Type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const get = (path: string): Req => req('GET', path);
  // setupRequest must keep autocannon's defaults (host, port) from the request it is handed.
  const dyn = (make: () => Req, onResponse?: Req['onResponse']): Req => ({ setupRequest: (r) => ({ ...r, ...make() }), onResponse });
  return [
    dyn(() => (cycle++, get('/system'))),
    get('/cpgs'), // every CPG, the --cpgs pre-created ones included: collection rendering at scale
    get('/capacity'),
    get('/wsapiconfiguration'),
    get('/system'),
    get('/capacity'),
    get('/wsapiconfiguration'),
    dyn(
      () => (liveCpgs.add((cpg = `b${tag}-${conn}-${made++}`)), req('POST', '/cpgs', { name: cpg, LDLayout: LAYOUT })),
      (status) => void (status !== 201 && (liveCpgs.delete(cpg!), (cpg = undefined))),
    ),
    // Without a CPG (its create failed) these stay reads, so the cycle keeps its shape.
    dyn(() => (cpg ? get(`/cpgs/${cpg}`) : get('/system'))),
    dyn(
      () => (cpg ? req('DELETE', `/cpgs/${cpg}`) : get('/capacity')),
      (status) => void (cpg && status === 200 && liveCpgs.delete(cpg), (cpg = undefined)),
    ),
    // Login/logout probe every 8th cycle, only while the session cap has room, so it never measures refusals.
    dyn(
      () => {
        if ((cycle + conn) % 8 !== 0 || probesLive >= loginHeadroom) return get('/system');
        probesLive++;
        probes++;
        probeKey = '';
        return req('POST', '/credentials', CREDS, null);
      },
      (status, body) => {
        if (probeKey === undefined) return;
        if (status === 201) probeKey = (JSON.parse(body) as { key: string }).key;
        else (probeKey = undefined), probesLive--;
      },
    ),
    dyn(
      () => (probeKey ? req('DELETE', `/credentials/${probeKey}`, undefined, probeKey) : get('/wsapiconfiguration')),
      () => void (probeKey !== undefined && probesLive--, (probeKey = undefined)), // '' = login timed out
    ),
  ];
}

const result = await autocannon({
  url: origin,
  connections,
  duration,
  timeout: 10,
  requests: [{ method: 'GET', path: apiPath }], // replaced per connection below
  setupClient: (client) => {
    reconnectOnClose(client);
    client.setRequests(connectionRequests(nextConn++));
  },
});

// Leave an external emulator as found: drop the benchmark's CPGs and sessions.
if (flags.url) {
  await pool([...preNames, ...liveCpgs], 16, async (name) => void (await call('DELETE', `/cpgs/${name}`, { key: keys[0] })));
  await pool(keys, 16, async (key) => void (await call('DELETE', `/credentials/${key}`, { key })));
}
await emu?.close();

// Latencies cover 2xx replies only (autocannon's default); every non-2xx is counted below.
const report = {
  target: base,
  connections,
  sessions,
  preCreatedCpgs: preCpgs,
  durationS: result.duration,
  requests: result.requests.total,
  requestsPerS: +(result.requests.total / result.duration).toFixed(1),
  latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
  non2xx: result.non2xx,
  non2xxByStatus: Object.fromEntries(Object.entries(result.statusCodeStats ?? {}).flatMap(([code, s]) => (code.startsWith('2') ? [] : [[code, s.count ?? 0]]))),
  errors: result.errors,
  timeouts: result.timeouts,
  loginProbes: probes,
};

if (flags.json) {
  console.log(JSON.stringify(report, null, 2));
} else {
  const l = report.latencyMs;
  console.log(`target ${report.target}  ${connections} connections, ${sessions} sessions, ${preCpgs} pre-created CPGs, ${report.durationS}s`);
  console.log(`requests ${report.requests}  (${report.requestsPerS} req/s, ${probes} login/logout probes)`);
  console.log(`latency ms  p50 ${l.p50}  p90 ${l.p90}  p99 ${l.p99}  max ${l.max}`);
  const by = Object.entries(report.non2xxByStatus).map(([k, v]) => `${k}:${v}`).join(' ');
  console.log(`non-2xx ${report.non2xx}${by ? `  (${by})` : ''}  errors ${report.errors}  timeouts ${report.timeouts}`);
}
process.exit(0);
