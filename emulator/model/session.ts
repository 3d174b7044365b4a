import type { Draft } from 'immer';
import { fail } from './errors.ts';
import { arrayOf, type Command } from './fabric.ts';
import { randomHex } from './random.ts';
import type { ArrayState, Session } from './state.ts';

function idleLimitMs(array: ArrayState): number {
  return array.profile.wsapi.sessionTimeoutMinutes * 60_000;
}

export function sessionIsLive(array: ArrayState, session: Session, nowMs: number): boolean {
  return nowMs - session.lastUsedMs < idleLimitMs(array);
}

export function liveSessionCount(array: ArrayState, nowMs: number): number {
  let n = 0;
  for (const s of Object.values(array.sessions)) if (sessionIsLive(array, s, nowMs)) n++;
  return n;
}

function dropExpired(array: Draft<ArrayState>, nowMs: number): void {
  for (const [key, s] of Object.entries(array.sessions)) {
    if (!sessionIsLive(array as ArrayState, s as Session, nowMs)) delete array.sessions[key];
  }
}

/** POST /credentials: check the user, respect the array's session cap, hand out a key. */
export const login =
  (input: { user: string; password: string; clientAddress: string }): Command<{ key: string }> =>
  (fabric, ctx) => {
    const array = arrayOf(fabric, ctx);
    const account = array.users[input.user];
    if (!account || account.password !== input.password) fail('INV_USER_PASS');
    dropExpired(array, ctx.nowMs);
    if (Object.keys(array.sessions).length >= array.profile.wsapi.maxSessions) fail('SVC_UNAVAIL');
    // Observed keys look like `0-<32 hex>-<8 hex>`; the leading digit is taken to be the serving node.
    let key: string;
    do {
      key = `${array.profile.masterNode}-${randomHex(fabric, 32)}-${randomHex(fabric, 8)}`;
    } while (array.sessions[key]);
    array.sessions[key] = {
      key,
      user: account.name,
      role: account.role,
      clientAddress: input.clientAddress,
      createdMs: ctx.nowMs,
      lastUsedMs: ctx.nowMs,
    };
    return { key };
  };

/**
 * Every authenticated request: the key must exist, come from the address that created it and not be idle
 * past the timeout. Using it restarts the idle timer.
 */
export const useSession =
  (input: { key: string | undefined; clientAddress: string }): Command<Pick<Session, 'user' | 'role'>> =>
  (fabric, ctx) => {
    const array = arrayOf(fabric, ctx);
    if (input.key === undefined) fail('INV_SESS_KEY');
    const session = array.sessions[input.key];
    if (!session || session.clientAddress !== input.clientAddress || !sessionIsLive(array as ArrayState, session as Session, ctx.nowMs)) {
      fail('INV_SESS_KEY');
    }
    session.lastUsedMs = ctx.nowMs;
    return { user: session.user, role: session.role };
  };

/** DELETE /credentials/<key>. */
export const logout =
  (input: { key: string; clientAddress: string }): Command<void> =>
  (fabric, ctx) => {
    const array = arrayOf(fabric, ctx);
    const session = array.sessions[input.key];
    if (!session || session.clientAddress !== input.clientAddress || !sessionIsLive(array as ArrayState, session as Session, ctx.nowMs)) {
      fail('INV_SESS_KEY');
    }
    delete array.sessions[input.key];
  };

/** Control API: make a key stop working now, as if it had idled out. */
export const expireSession =
  (input: { key: string }): Command<boolean> =>
  (fabric, ctx) => {
    const array = arrayOf(fabric, ctx);
    if (!array.sessions[input.key]) return false;
    delete array.sessions[input.key];
    return true;
  };
