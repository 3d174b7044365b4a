import { current, isDraft, produce, type Draft, setAutoFreeze } from 'immer';
import { fail } from './errors.ts';
import type { ArrayState, FabricState, Role } from './state.ts';
import { VirtualClock } from './clock.ts';

setAutoFreeze(true);

/** Who asks: the session's user, or the emulator itself (fixture boot, control API). */
export interface Actor {
  readonly user: string;
  readonly role: Role;
}

export const SYSTEM_ACTOR: Actor = { user: '3parsvc', role: 'super' };

export interface CommandContext {
  /** the array the request reached (fabric key) */
  readonly arrayKey: string;
  readonly nowMs: number;
  readonly actor: Actor;
}

/** A named state change: returns a result or throws ArrayError; never half-applies. */
export type Command<R> = (fabric: Draft<FabricState>, ctx: CommandContext) => R;

export function arrayOf(fabric: Draft<FabricState>, ctx: CommandContext): Draft<ArrayState> {
  const array = fabric.arrays[ctx.arrayKey];
  if (!array) throw new Error(`no array ${ctx.arrayKey} in the fabric`);
  return array;
}

/**
 * A plain (non-draft) value of the draft as it stands, for read-only checks and calculations: reading a large
 * collection through the draft would wrap each element in a proxy.
 */
export function snapshotOf<T>(value: T | Draft<T>): T {
  return (isDraft(value) ? current(value as Draft<T>) : value) as T;
}

const RANK: Record<Role, number> = { browse: 1, edit: 2, super: 3 };

/** Writes need the edit role at least; a browse user is refused like on the array. */
export function requireRole(ctx: CommandContext, role: Role): void {
  if (RANK[ctx.actor.role] < RANK[role]) fail('PERM_DENIED');
}

export type ChangeListener = (state: FabricState, previous: FabricState | undefined) => void;

/**
 * Holds the current fabric value and applies commands to it. The only mutable thing in the model.
 */
export class Fabric {
  private current: FabricState;
  readonly clock: VirtualClock;
  private readonly listeners = new Set<ChangeListener>();

  constructor(initial: FabricState, clock: VirtualClock = new VirtualClock()) {
    this.current = produce(initial, () => {});
    this.clock = clock;
  }

  get state(): FabricState {
    return this.current;
  }

  array(key: string): ArrayState {
    const a = this.current.arrays[key];
    if (!a) throw new Error(`no array ${key} in the fabric`);
    return a;
  }

  run<R>(arrayKey: string, actor: Actor, command: Command<R>): R {
    const ctx: CommandContext = { arrayKey, actor, nowMs: this.clock.now() };
    let result!: R;
    const next = produce(this.current, (draft) => {
      result = command(draft, ctx);
    });
    if (next !== this.current) {
      const previous = this.current;
      this.current = next;
      for (const l of this.listeners) l(next, previous);
    }
    return result;
  }

  /** Replace the whole value (reset, import). */
  replace(state: FabricState): void {
    this.current = produce(state, () => {});
    for (const l of this.listeners) l(this.current, undefined);
  }

  onChange(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
