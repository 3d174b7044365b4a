import type { Context } from 'hono';
import type { Logger } from 'pino';
import type { Actor, Command, Fabric } from '../model/fabric.ts';
import type { ArrayState } from '../model/state.ts';
import { toWireJson } from '../http/json.ts';
import { parseJsonBody, checkBody } from '../http/body.ts';
import type { BodySpec } from '../../contracts/requests.ts';

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
}

export type AppEnv = {
  Variables: {
    actor: Actor;
    sessionKey: string;
    requestId: string;
    operation: string;
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
  const text = await c.req.text();
  return checkBody<T>(spec, parseJsonBody(text, c.req.header('content-type'), services.maxBodyBytes));
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
