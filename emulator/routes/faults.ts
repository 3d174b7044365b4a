import { ArrayError } from '../model/errors.ts';
import { expireSession } from '../model/session.ts';
import { SYSTEM_ACTOR } from '../model/fabric.ts';
import type { ArrayServices, Ctx } from './context.ts';

/**
 * Run the fault rules for a request. Returns a response when a fault answers instead of the array, throws the
 * array error an error fault asks for, or returns undefined to let the request through (after a delay, or with
 * its session gone).
 */
export async function applyFaults(c: Ctx, s: ArrayServices, operation: string): Promise<Response | undefined> {
  if (s.faults.list().length === 0) return undefined;
  let body: Record<string, unknown> | undefined;
  if (c.req.method !== 'GET' && s.faults.list().some((r) => r.match.body !== undefined)) {
    try {
      const parsed = JSON.parse(await c.req.text()) as unknown;
      if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
    } catch {
      body = undefined;
    }
  }
  const rule = s.faults.decide({ array: s.arrayKey, method: c.req.method, path: c.req.path, operation, body });
  if (!rule) return undefined;
  c.set('faultRule', rule);
  const e = rule.effect;
  switch (e.type) {
    case 'error':
      throw new ArrayError(e.symbol, e.desc !== undefined ? { desc: e.desc } : {});
    case 'busy':
      throw new ArrayError('UNKNOWN_270');
    case 'latency':
      await new Promise((r) => setTimeout(r, s.faults.latencyMs(rule, e.ms)));
      return undefined;
    case 'invalidateSession': {
      const key = c.req.header('X-HP3PAR-WSAPI-SessionKey');
      if (key) s.fabric.run(s.arrayKey, SYSTEM_ACTOR, expireSession({ key }));
      return undefined;
    }
    case 'hang':
      return new Promise<Response>(() => {});
    case 'reset': {
      const socket = (c.env as { incoming?: { socket?: { destroy(): void } } } | undefined)?.incoming?.socket;
      if (socket) {
        socket.destroy();
        return new Promise<Response>(() => {});
      }
      // In process there is no connection to drop: a network error is the closest thing.
      return Response.error();
    }
    case 'truncate':
    case 'malformed': {
      c.header('Content-Type', 'application/json');
      return c.body(e.type === 'truncate' ? '{"total":1,"members":[{"id":1,"na' : '<html><body>Service Temporarily Unavailable</body></html>', 200);
    }
  }
}
