import { Hono } from 'hono';
import { ArrayError } from '../model/errors.ts';
import type { ArrayState, FabricState } from '../model/state.ts';
import { withDefaults } from '../model/boot.ts';
import { expireSession } from '../model/session.ts';
import { SYSTEM_ACTOR } from '../model/fabric.ts';
import type { AppEnv, ArrayServices } from './context.ts';
import { hostWrite, setLink } from '../model/remotecopy.ts';
import { loginInitiator, logoutInitiator } from '../model/port.ts';
import { endTask, setTaskBehaviour } from '../model/task.ts';
import { catchUp } from './context.ts';
import { ERROR_CATALOG } from '../../contracts/errors.ts';
import { failDisks, failNode, holdVolume, recoverNode } from '../model/faults.ts';

const FAULT_EFFECTS = ['error', 'busy', 'latency', 'hang', 'reset', 'truncate', 'malformed', 'invalidateSession'];

/** Everything under this prefix is the emulator's own API; a real array has nothing here. */
export const CONTROL_PREFIX = '/_emulator';

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body) + '\n', { status, headers: { 'Content-Type': 'application/json' } });
}

function badRequest(message: string): Response {
  return json({ error: message }, 400);
}

async function readJson(req: Request): Promise<Record<string, unknown> | undefined> {
  const text = await req.text();
  if (text.trim() === '') return {};
  try {
    const v = JSON.parse(text) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Enough structure that every route can read it; an exported state always passes. */
function stateProblem(body: Record<string, unknown> | undefined): string | undefined {
  if (!body) return 'not a JSON object';
  if (body.formatVersion !== 1) return `unknown formatVersion ${JSON.stringify(body.formatVersion)} (this emulator reads 1)`;
  if (!Number.isInteger(body.seed) || !Number.isInteger(body.rngCounter)) return 'seed and rngCounter must be integers';
  if (!isObject(body.arrays) || Object.keys(body.arrays).length === 0) return 'arrays must name at least one array';
  for (const [key, a] of Object.entries(body.arrays)) {
    if (!isObject(a) || a.key !== key) return `arrays.${key}: key must repeat the array's name`;
    for (const k of ['profile', 'users', 'domains', 'cpgs', 'cpgIds', 'volumes', 'volumeIds', 'volumeWwns']) {
      if (!isObject(a[k])) return `arrays.${key}.${k} missing`;
    }
    // Older exports lack newer collections; JSON has no Infinity ("nothing due" comes back as null).
    body.arrays[key] = withDefaults(a as unknown as ArrayState);
  }
  return undefined;
}

export function controlApp(s: ArrayServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>({ strict: false });

  app.get('/health', () => json({ status: 'ok' }));
  app.get('/ready', () => json({ ready: true, arrays: s.urls() }));
  /** The certificate the listeners present (HTTPS only), to hand to clients as their CA file. */
  app.get('/certificate', () => {
    const pem = s.certificate();
    return pem ? new Response(pem, { status: 200, headers: { 'Content-Type': 'application/x-pem-file' } }) : json({ error: 'not serving HTTPS' }, 404);
  });

  app.get('/arrays', () => {
    const urls = s.urls();
    return json(
      Object.values(s.fabric.state.arrays).map((a) => ({
        key: a.key,
        name: a.profile.name,
        systemId: a.profile.systemId,
        model: a.profile.model,
        systemVersion: a.profile.systemVersion,
        url: urls[a.key],
      })),
    );
  });

  app.post('/reset', () => {
    s.resetFabric();
    return json({ reset: true, clock: s.fabric.clock.snapshot() });
  });

  app.get('/state', () => json(s.fabric.state));
  app.put('/state', async (c) => {
    const body = await readJson(c.req.raw);
    const problem = stateProblem(body);
    if (problem) return badRequest(`expected a fabric state exported by GET /_emulator/state: ${problem}`);
    s.fabric.replace(body as unknown as FabricState);
    return json({ imported: true });
  });

  app.get('/clock', () => json(s.fabric.clock.snapshot()));
  /**
   * One call, one clock change: {"freeze": true|false}, {"advanceSeconds": n} / {"advanceMs": n}, {"set": ISO-8601 or epoch ms}.
   */
  app.post('/clock', async (c) => {
    const body = await readJson(c.req.raw);
    if (!body) return badRequest('body must be a JSON object');
    const clock = s.fabric.clock;
    if (body.set !== undefined) {
      const at = typeof body.set === 'number' ? body.set : Date.parse(String(body.set));
      if (!Number.isFinite(at)) return badRequest('set: not a time');
      clock.set(at);
    }
    if (body.freeze === true) clock.freeze();
    if (body.freeze === false) clock.resume();
    const ms = typeof body.advanceMs === 'number' ? body.advanceMs : typeof body.advanceSeconds === 'number' ? body.advanceSeconds * 1000 : undefined;
    if (ms !== undefined) {
      if (!Number.isFinite(ms) || ms < 0) return badRequest('the clock only moves forward');
      clock.advance(ms);
    }
    return json(clock.snapshot());
  });

  /** Invalidate one session key of this array now, as an idle timeout would. */
  app.delete('/sessions/:key', (c) => {
    const removed = s.fabric.run(s.arrayKey, SYSTEM_ACTOR, expireSession({ key: c.req.param('key') }));
    return json({ expired: removed }, removed ? 200 : 404);
  });
  app.get('/sessions', () => {
    const a = s.fabric.array(s.arrayKey);
    return json(Object.values(a.sessions).map((x) => ({ key: x.key, user: x.user, role: x.role, lastUsedMs: x.lastUsedMs })));
  });

  /** A host writes to a volume: {"mib": n}. Thin volumes and snapshot space grow; out of space answers the array's error. */
  app.post('/volumes/:name/write', async (c) => {
    const body = await readJson(c.req.raw);
    if (!body || typeof body.mib !== 'number') return badRequest('body must be {"mib": <MiB written>}');
    catchUp(s);
    const r = s.fabric.run(s.arrayKey, SYSTEM_ACTOR, hostWrite({ name: c.req.param('name'), mib: body.mib }));
    return json(r);
  });

  /**
   * How new copy/promote/tune tasks progress: {"durationMs": n} on the virtual clock (0 = done at the next request),
   * or {"polls": n}: done after n reads of the task (0 = back to the clock).
   */
  app.post('/tasks', async (c) => {
    const body = await readJson(c.req.raw);
    const ok = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isFinite(v) && v >= 0);
    if (!body || (body.durationMs === undefined && body.polls === undefined) || !ok(body.durationMs) || !ok(body.polls)) {
      return badRequest('body must be {"durationMs": <ms ≥ 0>} and/or {"polls": <reads ≥ 0>}');
    }
    s.fabric.run(s.arrayKey, SYSTEM_ACTOR, setTaskBehaviour({ durationMs: body.durationMs as number | undefined, polls: body.polls as number | undefined }));
    const a = s.fabric.array(s.arrayKey);
    return json({ durationMs: a.taskDurationMs, polls: a.taskPolls });
  });

  /** Steer one active task: {"end": "done"|"failed"} now, {"failAtEnd": true} when its time comes, or {"failAtStep": n}. */
  app.post('/tasks/:id', async (c) => {
    const body = await readJson(c.req.raw);
    const id = Number(c.req.param('id'));
    if (!body || !Number.isInteger(id)) return badRequest('body must be {"end": "done"|"failed"} or {"failAtEnd": true}');
    catchUp(s);
    if (body.end === 'done' || body.end === 'failed') s.fabric.run(s.arrayKey, SYSTEM_ACTOR, endTask({ id, outcome: body.end }));
    else if (body.failAtEnd === true) s.fabric.run(s.arrayKey, SYSTEM_ACTOR, setTaskBehaviour({ failTaskId: id }));
    else if (typeof body.failAtStep === 'number') s.fabric.run(s.arrayKey, SYSTEM_ACTOR, setTaskBehaviour({ failTaskId: id, atStep: body.failAtStep }));
    else return badRequest('body must be {"end": "done"|"failed"}, {"failAtEnd": true} or {"failAtStep": n}');
    return json({ id, status: s.fabric.array(s.arrayKey).tasks[id]?.status });
  });

  /**
   * Host initiators logging in to array ports, which is what makes VLUNs active:
   * {"initiator": "<WWN or iqn>", "portPos": "n:s:p", "ipAddr"?: "<iSCSI initiator address>"}.
   */
  app.post('/logins', async (c) => {
    const body = await readJson(c.req.raw);
    if (!body || typeof body.initiator !== 'string' || typeof body.portPos !== 'string') return badRequest('body must be {"initiator": "...", "portPos": "n:s:p"}');
    s.fabric.run(s.arrayKey, SYSTEM_ACTOR, loginInitiator({ initiator: body.initiator, portPos: body.portPos, ...(typeof body.ipAddr === 'string' ? { ipAddr: body.ipAddr } : {}) }));
    return json({ loggedIn: true });
  });
  /** {"initiator": "...", "portPos"?: "n:s:p"}: log out of one port, or of every port. */
  app.delete('/logins', async (c) => {
    const body = await readJson(c.req.raw);
    if (!body || typeof body.initiator !== 'string') return badRequest('body must be {"initiator": "...", "portPos"?: "n:s:p"}');
    const removed = s.fabric.run(s.arrayKey, SYSTEM_ACTOR, logoutInitiator({ initiator: body.initiator, ...(typeof body.portPos === 'string' ? { portPos: body.portPos } : {}) }));
    return json({ removed });
  });
  app.get('/logins', () => json(s.fabric.array(s.arrayKey).logins));

  /** Replication links: GET lists them; {"arrays": ["a","b"], "up": false} cuts one (both arrays of a pair by default). */
  app.get('/links', () => json(Object.values(s.fabric.state.links ?? {})));
  app.post('/links', async (c) => {
    const body = await readJson(c.req.raw);
    const links = Object.values(s.fabric.state.links ?? {});
    if (!body || typeof body.up !== 'boolean') return badRequest('body must be {"up": true|false, "arrays"?: ["<key>", "<key>"]}');
    const arrays = (Array.isArray(body.arrays) ? body.arrays : links.find((l) => l.arrays.includes(s.arrayKey))?.arrays) as [string, string] | undefined;
    if (!arrays || arrays.length !== 2) return badRequest('no link for this array; name it with "arrays"');
    catchUp(s);
    s.fabric.run(s.arrayKey, SYSTEM_ACTOR, setLink({ arrays, up: body.up }));
    return json(s.fabric.state.links?.[[...arrays].sort().join('|')]);
  });
  /** A volume's data generation (what replication copies): {"generation": n}. */
  app.get('/volumes/:name', (c) => {
    const v = s.fabric.array(s.arrayKey).volumes[c.req.param('name')];
    return v ? json({ name: v.name, generation: v.generation ?? 0, writtenMiB: v.writtenMiB, readOnly: v.readOnly }) : json({ error: 'no such volume' }, 404);
  });

  // Fault rules: {"match": {array, method, operation, path, body}, "effect": {...}, "budget": {...}} (README).
  app.get('/faults', () => json(s.faults.list()));
  app.post('/faults', async (c) => {
    const body = await readJson(c.req.raw);
    const effect = body?.effect as { type?: string } | undefined;
    if (!body || !effect || typeof effect.type !== 'string' || !FAULT_EFFECTS.includes(effect.type)) {
      return badRequest(`body must be {"match": {...}, "effect": {"type": ${FAULT_EFFECTS.map((e) => `"${e}"`).join('|')}}, "budget"?: {...}}`);
    }
    if (effect.type === 'error') {
      const symbol = (effect as { symbol?: string }).symbol;
      if (!symbol || !ERROR_CATALOG.some((e) => e.symbol === symbol)) return badRequest('an error effect needs "symbol": a symbol of contracts/errors.ts');
    }
    try {
      const rule = s.faults.add({ match: (body.match ?? {}) as never, effect: effect as never, ...(body.budget ? { budget: body.budget as never } : {}), ...(typeof body.note === 'string' ? { note: body.note } : {}) });
      return json(rule, 201);
    } catch (e) {
      return badRequest((e as Error).message);
    }
  });
  app.delete('/faults/:id', (c) => (s.faults.remove(Number(c.req.param('id'))) ? json({ removed: true }) : json({ error: 'no such rule' }, 404)));
  app.delete('/faults', () => {
    s.faults.clear();
    return json({ cleared: true });
  });

  /** Array-level failures, through the model: {"node": n, "failed": true|false}. */
  app.post('/failures/node', async (c) => {
    const body = await readJson(c.req.raw);
    if (!body || typeof body.node !== 'number' || typeof body.failed !== 'boolean') return badRequest('body must be {"node": n, "failed": true|false}');
    catchUp(s);
    s.fabric.run(s.arrayKey, SYSTEM_ACTOR, body.failed ? failNode({ node: body.node }) : recoverNode({ node: body.node }));
    return json({ failedNodes: s.fabric.array(s.arrayKey).failedNodes });
  });
  /** {"type": "FC"|"NL"|"SSD", "count": n}: that many drives of the type are failed (0 = all replaced). */
  app.post('/failures/disks', async (c) => {
    const body = await readJson(c.req.raw);
    if (!body || typeof body.type !== 'string' || typeof body.count !== 'number') return badRequest('body must be {"type": "FC"|"NL"|"SSD", "count": n}');
    s.fabric.run(s.arrayKey, SYSTEM_ACTOR, failDisks({ type: body.type as 'FC', count: body.count }));
    return json({ failedDisks: s.fabric.array(s.arrayKey).failedDisks });
  });
  /** {"volume": name}: the volume stays busy in a background task until that task is ended (POST /tasks/<id>). */
  app.post('/failures/busy-volume', async (c) => {
    const body = await readJson(c.req.raw);
    if (!body || typeof body.volume !== 'string') return badRequest('body must be {"volume": "<name>"}');
    catchUp(s);
    return json(s.fabric.run(s.arrayKey, SYSTEM_ACTOR, holdVolume({ name: body.volume })));
  });

  /** The request journal: ?since=<seq>&operation=<name>&limit=<n>. */
  app.get('/journal', (c) => {
    const q = c.req.query();
    return json(
      s.journal.query({
        ...(q.since !== undefined ? { since: Number(q.since) } : {}),
        ...(q.operation !== undefined ? { operation: q.operation } : {}),
        ...(q.array !== undefined ? { array: q.array } : {}),
        ...(q.limit !== undefined ? { limit: Number(q.limit) } : {}),
      }),
    );
  });
  app.delete('/journal', () => {
    s.journal.clear();
    return json({ cleared: true });
  });

  app.notFound(() => json({ error: 'no such control endpoint' }, 404));
  app.onError((err) => (err instanceof ArrayError ? json(err.body(), err.http) : json({ error: String(err) }, 500)));
  return app;
}
