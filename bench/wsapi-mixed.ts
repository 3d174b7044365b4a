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
const preNames = Array.from({ length: preCpgs }, (_, i) => `bp${tag}-${i}`);
await pool(preNames, 16, async (name) => {
  const r = await call('POST', '/cpgs', { key: keys[0], body: { name, LDLayout: LAYOUT } });
  if (r.status !== 201) throw new Error(`pre-create ${name}: ${r.status} ${JSON.stringify(r.json)}`);
});

// Per-connection state lives in autocannon's context, which is reset each time a connection starts the
// request list over; so each pass ("cycle") takes the next session key round-robin and its own CPG name.
interface Ctx {
  key?: string;
  slot?: number;
  cpg?: string;
  probeKey?: string;
  probing?: boolean;
}
type Req = autocannon.Request;
let cycles = 0;
let cpgSeq = 0;
let probesLive = 0;
let probes = 0;

function authed(req: Req, ctx: Ctx, method: Req['method'], path: string, body?: unknown): Req {
  return {
    ...req,
    method,
    path: apiPath + path,
    headers: { ...req.headers, 'X-HP3PAR-WSAPI-SessionKey': ctx.key ?? '' , ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  };
}
const get = (path: string): Req => ({ setupRequest: (req, ctx) => authed(req, ctx as Ctx, 'GET', path) });

const requests: Req[] = [
  {
    setupRequest: (req, c) => {
      const ctx = c as Ctx;
      ctx.slot = cycles++ % keys.length;
      ctx.key = keys[ctx.slot];
      return authed(req, ctx, 'GET', '/system');
    },
  },
  get('/cpgs'),
  get('/capacity'),
  get('/wsapiconfiguration'),
  get('/system'),
  get('/capacity'),
  get('/wsapiconfiguration'),
  {
    setupRequest: (req, c) => {
      const ctx = c as Ctx;
      ctx.cpg = `bench-${ctx.slot}-${cpgSeq++}`;
      return authed(req, ctx, 'POST', '/cpgs', { name: ctx.cpg, LDLayout: LAYOUT });
    },
    onResponse: (status, _body, c) => {
      if (status !== 201) (c as Ctx).cpg = undefined;
    },
  },
  // Without a CPG (create failed) these fall back to reads so the cycle keeps its shape.
  { setupRequest: (req, c) => authed(req, c as Ctx, 'GET', (c as Ctx).cpg ? `/cpgs/${(c as Ctx).cpg}` : '/system') },
  {
    setupRequest: (req, c) => {
      const ctx = c as Ctx;
      return ctx.cpg ? authed(req, ctx, 'DELETE', `/cpgs/${ctx.cpg}`) : authed(req, ctx, 'GET', '/capacity');
    },
  },
  // Login/logout probe on every 8th cycle, bounded by the session headroom so it never hits the cap.
  {
    setupRequest: (req, c) => {
      const ctx = c as Ctx;
      ctx.probing = (ctx.slot ?? 0) % 8 === 0 && probesLive < loginHeadroom;
      if (!ctx.probing) return authed(req, ctx, 'GET', '/system');
      probesLive++;
      probes++;
      return { ...authed(req, ctx, 'POST', '/credentials', CREDS), headers: { 'Content-Type': 'application/json' } };
    },
    onResponse: (status, body, c) => {
      const ctx = c as Ctx;
      if (!ctx.probing) return;
      if (status === 201) ctx.probeKey = (JSON.parse(body) as { key: string }).key;
      else probesLive--;
    },
  },
  {
    setupRequest: (req, c) => {
      const ctx = c as Ctx;
      return authed(req, ctx, ctx.probeKey ? 'DELETE' : 'GET', ctx.probeKey ? `/credentials/${ctx.probeKey}` : '/wsapiconfiguration');
    },
    onResponse: (_status, _body, c) => {
      if ((c as Ctx).probeKey) probesLive--;
    },
  },
];

const result = await autocannon({ url: origin, connections, duration, requests, timeout: 10 });

// Leave an external emulator as found: drop the benchmark's CPGs and sessions.
if (flags.url) {
  await pool(preNames, 16, async (name) => void (await call('DELETE', `/cpgs/${name}`, { key: keys[0] })));
  await pool(keys, 16, async (key) => void (await call('DELETE', `/credentials/${key}`, { key })));
}
await emu?.close();

const ms = (v: number) => +v.toFixed(2);
const report = {
  target: base,
  connections,
  sessions,
  preCreatedCpgs: preCpgs,
  durationS: result.duration,
  requests: result.requests.total,
  requestsPerS: +(result.requests.total / result.duration).toFixed(1),
  latencyMs: { p50: ms(result.latency.p50), p90: ms(result.latency.p90), p99: ms(result.latency.p99), max: ms(result.latency.max) },
  non2xx: result.non2xx,
  non2xxByStatus: Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {})
      .filter(([code]) => !code.startsWith('2'))
      .map(([code, s]) => [code, s.count ?? 0]),
  ),
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
