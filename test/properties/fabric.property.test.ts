import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ERROR_CATALOG } from '../../contracts/errors.ts';
import { ArrayError } from '../../emulator/model/errors.ts';
import { createCpg, deleteCpg, modifyCpg } from '../../emulator/model/cpg.ts';
import { login, logout, useSession } from '../../emulator/model/session.ts';
import { SYSTEM_ACTOR, type Actor, type Command } from '../../emulator/model/fabric.ts';
import { allocatedMiB, cpgSpace, tierCapacities } from '../../emulator/model/capacity.ts';
import { emulator, loggedIn } from '../helpers.ts';

const names = fc.constantFrom('FC_r1', 'SSD_r5', 'c1', 'c2', 'c3', 'x'.repeat(32), 'bad&', '', '-d');
const layout = fc.record(
  {
    RAIDType: fc.integer({ min: 0, max: 5 }),
    setSize: fc.integer({ min: 1, max: 17 }),
    HA: fc.integer({ min: 0, max: 4 }),
    diskPatterns: fc.array(fc.record({ diskType: fc.integer({ min: 0, max: 4 }) }), { maxLength: 2 }),
  },
  { requiredKeys: [] },
);
const actor = fc.constantFrom<Actor>(SYSTEM_ACTOR, { user: '3parbrowse', role: 'browse' }, { user: '3paredit', role: 'edit' });

type Step = { command: Command<unknown>; actor: Actor };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    actor,
    command: fc
      .record(
        {
          name: names,
          domain: fc.constantFrom('DOMAIN_A', 'NOPE'),
          growthIncrementMiB: fc.integer({ min: -1, max: 70000 }),
          growthLimitMiB: fc.integer({ min: 0, max: 300000 }),
          usedLDWarningAlertMiB: fc.integer({ min: 0, max: 300000 }),
          LDLayout: layout,
        },
        { requiredKeys: ['name'] },
      )
      .map((input) => createCpg(input) as Command<unknown>),
  }),
  fc.record({ actor, command: names.map((name) => deleteCpg({ name }) as Command<unknown>) }),
  fc.record({
    actor,
    command: fc
      .record({ name: names, newName: names, growthLimitMiB: fc.integer({ min: 0, max: 300000 }), rmGrowthLimit: fc.boolean() }, { requiredKeys: ['name'] })
      .map(({ name, ...changes }) => modifyCpg({ name, changes }) as Command<unknown>),
  }),
  fc.record({
    actor,
    command: fc
      .record({ user: fc.constantFrom('3paradm', '3parbrowse', 'ghost'), password: fc.constantFrom('3pardata', '3parbrowse', 'x') })
      .map((u) => login({ ...u, clientAddress: 'a' }) as Command<unknown>),
  }),
  fc.record({ actor, command: fc.constantFrom('k', '0-x').map((key) => logout({ key, clientAddress: 'a' }) as Command<unknown>) }),
  fc.record({ actor, command: fc.constant(useSession({ key: undefined, clientAddress: 'a' }) as Command<unknown>) }),
);

describe('fabric invariants under random command sequences', () => {
  it('a failed command leaves the state unchanged; space adds up; usage never negative; ids stay unique', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), fc.integer({ min: 0, max: 3 }), (steps, clockSteps) => {
        const emu = emulator();
        const fabric = emu.fabric;
        for (const s of steps) {
          const before = fabric.state;
          try {
            fabric.run('array1', s.actor, s.command);
          } catch (e) {
            expect(e).toBeInstanceOf(ArrayError);
            expect(fabric.state).toBe(before);
          }
          fabric.clock.advance(clockSteps * 60_000);
          const array = fabric.array('array1');
          for (const t of Object.values(tierCapacities(array))) {
            expect(allocatedMiB(t) + t.freeMiB + t.failedMiB).toBe(t.totalMiB);
            expect(t.freeMiB).toBeGreaterThanOrEqual(0);
          }
          const cpgs = Object.values(array.cpgs);
          for (const cpg of cpgs) {
            const sp = cpgSpace(cpg);
            for (const v of [sp.user, sp.snapAdmin, sp.snapData]) for (const n of Object.values(v)) expect(n).toBeGreaterThanOrEqual(0);
            expect(array.cpgIds[cpg.id]).toBe(cpg.name);
          }
          expect(new Set(cpgs.map((c) => c.id)).size).toBe(cpgs.length);
          expect(new Set(cpgs.map((c) => c.uuid)).size).toBe(cpgs.length);
          expect(Object.keys(array.cpgIds)).toHaveLength(cpgs.length);
          expect(Object.keys(array.sessions).length).toBeLessThanOrEqual(array.profile.wsapi.maxSessions);
        }
      }),
      { numRuns: 150 },
    );
  });
});

const catalogByCode = new Map<number, number>();
for (const e of ERROR_CATALOG) if (e.code !== null && e.http !== null) catalogByCode.set(e.code, e.http);

describe('every error reply agrees with the catalog', () => {
  const method = fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH');
  const path = fc.constantFrom('/api/v1/cpgs', '/api/v1/cpgs/FC_r1', '/api/v1/cpgs/nope', '/api/v1/cpgs/b%26d', '/api/v1/system', '/api/v1/capacity', '/api/v1/spacereporter', '/api/v1/credentials', '/api/v1/credentials/zz', '/api/v1/x', '/api', '/api/v1/volumes');
  const body = fc.oneof(
    fc.constant(undefined),
    fc.constant('{"broken'),
    fc.constant('[]'),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.record({ name: fc.oneof(fc.string({ maxLength: 35 }), fc.integer()), cpg: fc.constantFrom('FC_r1', 'zz'), LDLayout: fc.record({ RAIDType: fc.integer({ min: -1, max: 6 }) }) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  );

  it('has status = catalog status for its code, a string desc, and never a 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ method, path, body, auth: fc.boolean() }), { minLength: 1, maxLength: 8 }), async (reqs) => {
        const emu = emulator();
        const c = await loggedIn(emu);
        const key = c.key;
        for (const r of reqs) {
          c.key = r.auth ? key : undefined;
          const res = await c.request(r.method, r.path, r.method === 'GET' ? undefined : r.body);
          expect(res.status).not.toBe(500);
          if (res.status >= 400) {
            expect(typeof res.body.code).toBe('number');
            expect(typeof res.body.desc).toBe('string');
            expect(catalogByCode.get(res.body.code)).toBe(res.status);
          }
        }
      }),
      { numRuns: 120 },
    );
  });
});
