import { Hono } from 'hono';
import { ENDPOINTS } from '../../contracts/endpoints.ts';
import { ArrayError } from '../model/errors.ts';
import { useSession } from '../model/session.ts';
import { SYSTEM_ACTOR } from '../model/fabric.ts';
import { toWireJson } from '../http/json.ts';
import { catchUp, clientAddress, type AppEnv, type ArrayServices, type Ctx, type Handler } from './context.ts';
import { sessionHandlers } from './session.ts';
import { systemHandlers } from './system.ts';
import { cpgHandlers } from './cpg.ts';
import { volumeHandlers } from './volume.ts';
import { volumeSetHandlers } from './volumeset.ts';
import { metadataHandlers } from './metadata.ts';
import { taskHandlers } from './task.ts';
import { portHandlers } from './port.ts';
import { hostHandlers } from './host.ts';
import { hostSetHandlers } from './hostset.ts';
import { vlunHandlers } from './vlun.ts';
import { qosHandlers } from './qos.ts';
import { flashCacheHandlers } from './flashcache.ts';
import { remoteCopyHandlers } from './remotecopy.ts';
import { CONTROL_PREFIX, controlApp } from './control.ts';
import { applyFaults } from './faults.ts';

const HANDLERS: Record<string, Handler> = {
  ...sessionHandlers,
  ...systemHandlers,
  ...cpgHandlers,
  ...volumeHandlers,
  ...volumeSetHandlers,
  ...metadataHandlers,
  ...taskHandlers,
  ...portHandlers,
  ...hostHandlers,
  ...hostSetHandlers,
  ...vlunHandlers,
  ...qosHandlers,
  ...flashCacheHandlers,
  ...remoteCopyHandlers,
};


/** Operations the emulator answers today (the rest of the catalog answers UNSUP_OP). */
export const IMPLEMENTED_OPERATIONS: ReadonlySet<string> = new Set(Object.keys(HANDLERS));

function errorResponse(c: Ctx, err: ArrayError): Response {
  c.set('errorCode', err.code);
  c.header('Content-Type', 'application/json');
  return c.body(toWireJson(err.body()) + '\n', err.http as 400);
}

let requestCounter = 0;

/** Request bodies for debug logs, without passwords, CHAP secrets or session keys. */
const SECRET_MEMBERS = new Set(['password', 'chapSecret', 'key']);
export function redact(text: string): unknown {
  try {
    return JSON.parse(text, (k, v) => (SECRET_MEMBERS.has(k) && typeof v === 'string' ? '***' : v));
  } catch {
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
  }
}

function isDecodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/** One array's WSAPI listener: the endpoint catalog, routed to handlers, behind the array's session checks. */
export function createArrayApp(s: ArrayServices): Hono<AppEnv> {
  const app = new Hono<AppEnv>({ strict: false });

  app.route(CONTROL_PREFIX, controlApp(s));

  // Headers every WSAPI reply carries, success or error (recorded 3.2.2 replies).
  app.use('*', async (c, next) => {
    if (c.req.path.startsWith(CONTROL_PREFIX)) return next();
    const started = performance.now();
    const requestId = (++requestCounter).toString(36);
    c.set('requestId', requestId);
    c.header('Pragma', 'no-cache');
    c.header('Cache-Control', 'no-cache');
    c.header('Connection', 'close');
    c.header('Server', 'hp3par-wsapi');
    try {
      if (!isDecodable(c.req.path)) throw new ArrayError('INV_URL_PERCENT_ENCODING');
      await next();
    } finally {
      const ms = +(performance.now() - started).toFixed(2);
      const rule = c.get('faultRule');
      const line: Record<string, unknown> = { requestId, array: s.arrayKey, method: c.req.method, path: c.req.path, operation: c.get('operation'), status: c.res.status, ms, ...(rule ? { faultRule: rule.id } : {}) };
      if (s.logger.isLevelEnabled('debug') && c.req.method !== 'GET') line.body = redact(await c.req.text().catch(() => ''));
      s.logger.info(line, 'wsapi request');
      // Before the session check (a fault fired first) the user is still known from the key.
      const key = c.req.header('X-HP3PAR-WSAPI-SessionKey');
      const actor = c.get('actor') ?? (key ? s.fabric.array(s.arrayKey).sessions[key] : undefined);
      const code = c.get('errorCode');
      s.journal.record({
        at: s.fabric.clock.now(),
        array: s.arrayKey,
        method: c.req.method,
        path: c.req.path,
        ...(c.get('operation') ? { operation: c.get('operation') } : {}),
        ...(actor && actor !== SYSTEM_ACTOR ? { user: actor.user } : {}),
        status: c.res.status,
        ...(code !== undefined ? { code } : {}),
        ...(rule ? { rule: rule.id, effect: rule.effect.type } : {}),
        ms,
      });
    }
  });

  const paths = new Set<string>();
  for (const ep of ENDPOINTS) {
    paths.add(ep.path);
    const handler = HANDLERS[ep.operation];
    app.on(ep.method, ep.path, async (c) => {
      c.set('operation', ep.operation);
      catchUp(s);
      const faulted = await applyFaults(c, s, ep.operation);
      if (faulted) return faulted;
      if (ep.open) {
        c.set('actor', SYSTEM_ACTOR);
      } else {
        const key = c.req.header('X-HP3PAR-WSAPI-SessionKey');
        const who = s.fabric.run(s.arrayKey, SYSTEM_ACTOR, useSession({ key, clientAddress: clientAddress(c) }));
        c.set('actor', who);
        if (key) c.set('sessionKey', key);
      }
      if (!handler) throw new ArrayError('UNSUP_OP');
      return handler(c, s);
    });
  }
  // A known resource asked with a method it does not have.
  for (const path of paths) {
    app.all(path, (c) => {
      c.set('operation', 'unsupported');
      throw new ArrayError('UNSUP_OP');
    });
  }

  app.notFound((c) => errorResponse(c, new ArrayError('URI_RES_NOT_FOUND')));
  app.onError((err, c) => {
    if (err instanceof ArrayError) return errorResponse(c, err);
    s.logger.error({ err, method: c.req.method, path: c.req.path }, 'internal error');
    return errorResponse(c, new ArrayError('INT_SERV_ERR'));
  });
  return app;
}
