import type { Context } from 'hono';
import type { Logger } from 'pino';
import type { Actor, Command, Fabric } from '../model/fabric.ts';
import type { ArrayState } from '../model/state.ts';
import { toWireJson } from '../http/json.ts';
import { parseJsonBody, checkBody } from '../http/body.ts';
import type { BodySpec } from '../../contracts/requests.ts';
import type { FaultEngine } from '../faults/engine.ts';
import type { Journal } from '../faults/journal.ts';
import type { FaultRule } from '../faults/rules.ts';
import { fail } from '../model/errors.ts';
import { catchUpFabric } from '../model/tick.ts';

/** What every route of one array's listener shares. */
export interface ArrayServices {
  readonly fabric: Fabric;
  readonly arrayKey: string;
  readonly logger: Logger;
  readonly maxBodyBytes: number;
  /** what the control API's reset returns the fabric to */
  readonly resetFabric: () => void;
  /** listener addresses of every array in the fabric, by array key */
  readonly urls: () => Record<string, string>;
  /** the PEM certificate served, when the listeners speak HTTPS */
  readonly certificate: () => string | undefined;
  /** test-author fault rules and the request journal, shared by every array of the emulator */
  readonly faults: FaultEngine;
  readonly journal: Journal;
}

export type AppEnv = {
  Variables: {
    actor: Actor;
    sessionKey: string;
    requestId: string;
    operation: string;
    /** array error code of the reply, for the journal */
    errorCode: number;
    /** the fault rule that fired on this request */
    faultRule: FaultRule;
  };
};

export type Ctx = Context<AppEnv>;

export function clientAddress(c: Ctx): string {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'in-process';
}

/** A JSON reply as the array writes it: compact, newline-terminated. */
export function reply(c: Ctx, status: number, body?: unknown, headers?: Record<string, string>): Response {
  for (const [k, v] of Object.entries(headers ?? {})) c.header(k, v);
  if (body === undefined) return c.body(null, status as 200);
  c.header('Content-Type', 'application/json');
  return c.body(toWireJson(body) + '\n', status as 200);
}

export async function readBody<T>(c: Ctx, services: ArrayServices, spec: BodySpec): Promise<T> {
  return checkBody<T>(spec, await readJsonObject(c, services));
}

/** The body as a JSON object, before any member checks (for bodies whose shape depends on a member). */
export async function readJsonObject(c: Ctx, services: ArrayServices): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  return parseJsonBody(text, c.req.header('content-type'), services.maxBodyBytes);
}

/** `{"action": <kind>, "parameters": {...}}` bodies: the action, then parameters checked against its spec. */
export function actionWithParameters(body: Record<string, unknown>, specs: Record<string, BodySpec>): { action: string; parameters: Record<string, unknown> } {
  for (const k of Object.keys(body)) if (k !== 'action' && k !== 'parameters' && body[k] !== null) fail('INV_INPUT', { ref: k });
  if (body.action === undefined || body.action === null) fail('INV_INPUT_MISSING_REQUIRED', { ref: 'action' });
  if (typeof body.action !== 'string') fail('INV_INPUT_WRONG_TYPE', { ref: 'action' });
  const spec = specs[body.action];
  if (!spec) fail('INV_INPUT_BAD_ENUM_VALUE', { ref: 'action' });
  const params = body.parameters ?? undefined;
  if (params === undefined) fail('INV_INPUT_MISSING_REQUIRED', { ref: 'parameters' });
  if (typeof params !== 'object' || Array.isArray(params)) fail('INV_INPUT_WRONG_TYPE', { ref: 'parameters' });
  return { action: body.action, parameters: checkBody(spec, params as Record<string, unknown>) };
}

export function run<R>(c: Ctx, services: ArrayServices, command: Command<R>): R {
  return services.fabric.run(services.arrayKey, c.get('actor'), command);
}

export function arrayState(services: ArrayServices): ArrayState {
  return services.fabric.array(services.arrayKey);
}

export function nowMs(services: ArrayServices): number {
  return services.fabric.clock.now();
}

export type Handler = (c: Ctx, services: ArrayServices) => Response | Promise<Response>;

/** Big collections (/volumes, /vluns) come chunked and without the trailing newline (G131 p71-72; raw capture). */
export function replyChunked(c: Ctx, status: number, body: unknown): Response {
  c.header('Content-Type', 'application/json');
  const text = toWireJson(body);
  const bytes = new TextEncoder().encode(text);
  const CHUNK = 16 * 1024;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += CHUNK) controller.enqueue(bytes.subarray(i, i + CHUNK));
      controller.close();
    },
  });
  return c.body(stream, status as 200);
}

/** Absolute link the array puts inside bodies: https://<array address>:<https port>/api/v1/<path>. */
export function link(services: ArrayServices, path: string, rel: string): { href: string; rel: string } {
  const p = arrayState(services).profile;
  return { href: `https://${p.IPv4Addr}:${p.wsapi.httpsPort}/api/v1/${path}`, rel };
}

/** Let the virtual clock's due work happen before the request looks. */
export function catchUp(s: ArrayServices): void {
  catchUpFabric(s.fabric);
}
