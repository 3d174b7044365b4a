import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emulator, loggedIn } from '../helpers.ts';
import { checkInvariants } from './invariants.ts';

const effect = fc.oneof(
  fc.constant({ type: 'busy' }),
  fc.constantFrom('NO_SPACE', 'IN_USE', 'NON_EXISTENT_VOL', 'INV_INPUT', 'EXISTENT_VOL').map((symbol) => ({ type: 'error', symbol })),
  fc.constant({ type: 'invalidateSession' }),
  fc.constant({ type: 'malformed' }),
  fc.constant({ type: 'truncate' }),
  fc.constant({ type: 'reset' }),
);
const rule = fc.record({
  match: fc.record({ operation: fc.constantFrom('createVolume', 'deleteVolume', 'volumeAction', 'modifyVolume', 'getVolumes', 'createVolumeSet') }),
  effect,
  budget: fc.oneof(fc.constant({ kind: 'always' }), fc.integer({ min: 0, max: 3 }).map((n) => ({ kind: 'times', n })), fc.double({ min: 0, max: 1, noNaN: true }).map((p) => ({ kind: 'probability', p }))),
});
const vol = fc.constantFrom('v1', 'v2', 'v3', 's1', 'c1');
const call = fc.oneof(
  fc.record({ name: vol, sizeMiB: fc.integer({ min: 256, max: 4096 }), tpvv: fc.boolean() }).map((b) => ['POST', '/volumes', { ...b, cpg: 'FC_r1', snapCPG: 'FC_r1' }] as const),
  vol.map((n) => ['DELETE', `/volumes/${n}`, undefined] as const),
  fc.tuple(vol, vol).map(([s, n]) => ['POST', `/volumes/${s}`, { action: 'createSnapshot', parameters: { name: n } }] as const),
  fc.tuple(vol, vol).map(([s, d]) => ['POST', `/volumes/${s}`, { action: 'createPhysicalCopy', parameters: { destVolume: d, destCPG: 'FC_r1', online: true } }] as const),
  vol.map((n) => ['PUT', `/volumes/${n}`, { action: 3, sizeMiB: 1024 }] as const),
  fc.subarray(['v1', 'v2', 'v3']).map((m) => ['POST', '/volumesets', { name: 'cg', setmembers: m }] as const),
  fc.constant(['GET', '/volumes', undefined] as const),
);

describe('faults never corrupt state', () => {
  it('with random fault rules firing on random calls, the model invariants hold and nothing answers 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rule, { maxLength: 3 }), fc.array(call, { minLength: 1, maxLength: 25 }), async (rules, calls) => {
        const emu = emulator();
        for (const r of rules) emu.faults.add(r as never);
        const c = await loggedIn(emu);
        for (const [method, path, body] of calls) {
          const r = await c.request(method, `/api/v1${path}`, body);
          expect(r.status).not.toBe(500);
          // A client whose key was taken away logs in again, as python-3parclient does.
          if (r.status === 403) await c.login();
          checkInvariants(emu.fabric.array('array1'));
        }
      }),
      { numRuns: 80 },
    );
  });
});
