import { arrayOf, requireRole, snapshotOf, type Command } from './fabric.ts';
import { checkName } from './names.ts';
import type { ArrayState } from './state.ts';

/** A domain of that name exists (no WSAPI error covers it: the CLI words it). */
export class DomainExistsError extends Error {
  constructor(readonly domain: string) {
    super(`domain ${domain} exists`);
  }
}

/** Virtual domains an admin creates (CLI `createdomain`; the WSAPI has no call for it). */
export const createDomain =
  (input: { name: string; comment?: string }): Command<{ id: number }> =>
  (fabric, ctx) => {
    requireRole(ctx, 'super');
    const array = arrayOf(fabric, ctx);
    const snap = snapshotOf<ArrayState>(array);
    checkName(input.name, 31, 'name');
    if (snap.domains[input.name]) throw new DomainExistsError(input.name);
    const id = Object.values(snap.domains).reduce((m, d) => Math.max(m, d.id), 0) + 1;
    array.domains[input.name] = { id, name: input.name, createdMs: ctx.nowMs, ...(input.comment !== undefined ? { comment: input.comment } : {}) };
    return { id };
  };
