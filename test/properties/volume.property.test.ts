import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArrayError } from '../../emulator/model/errors.ts';
import { SYSTEM_ACTOR, type Command } from '../../emulator/model/fabric.ts';
import { createVolume, deleteVolume, growVolume, modifyVolume, writeToVolume, VOLUME_SIZE_UNIT_MiB } from '../../emulator/model/volume.ts';
import { createSnapshot } from '../../emulator/model/snapshot.ts';
import { createPhysicalCopy, promoteVirtualCopy } from '../../emulator/model/copy.ts';
import { createVolumeSet, createSnapshotOfVolumeSet, modifyVolumeSet, deleteVolumeSet } from '../../emulator/model/volumeset.ts';
import { cancelTask } from '../../emulator/model/task.ts';
import { tick } from '../../emulator/model/tick.ts';
import { emulator } from '../helpers.ts';
import { checkInvariants } from './invariants.ts';

const vol = fc.constantFrom('v1', 'v2', 'v3', 's1', 's2', 'c1', 'v1-x', 'cg-0');
const cpg = fc.constantFrom('FC_r1', 'SSD_r5', 'nope');
const local = { y: '2026', m: '01', d: '15', H: '10', M: '30', S: '00' };

const command: fc.Arbitrary<Command<unknown>> = fc.oneof(
  { depthSize: 'small' },
  fc.record({ name: vol, cpg, sizeMiB: fc.integer({ min: -1, max: 40000 }), tpvv: fc.boolean(), snapCPG: fc.option(cpg, { nil: undefined }) }).map((i) => createVolume(i) as Command<unknown>),
  vol.map((name) => deleteVolume({ name }) as Command<unknown>),
  fc.record({ name: vol, sizeMiB: fc.integer({ min: -5, max: 5000 }) }).map((i) => growVolume(i) as Command<unknown>),
  fc.record({ name: vol, mib: fc.integer({ min: 1, max: 20000 }) }).map((i) => writeToVolume(i) as Command<unknown>),
  fc.record({ source: vol, name: vol, readOnly: fc.boolean() }).map((i) => createSnapshot(i) as Command<unknown>),
  fc.record({ source: fc.constantFrom('v1', 'v2', 'v3', 's1'), name: fc.constantFrom('s1', 's2', 's3'), readOnly: fc.boolean() }).map((i) => createSnapshot(i) as Command<unknown>),
  fc.record({ name: fc.constantFrom('v1', 'v2', 'v3', 's1', 's2'), mib: fc.integer({ min: 1, max: 30000 }) }).map((i) => writeToVolume(i) as Command<unknown>),
  fc.record({ name: vol, newName: vol }).map(({ name, newName }) => modifyVolume({ name, changes: { newName } }) as Command<unknown>),
  fc.record({ name: vol, snapCPG: cpg }).map(({ name, snapCPG }) => modifyVolume({ name, changes: { snapCPG } }) as Command<unknown>),
  fc.record({ source: vol, destVolume: vol, online: fc.boolean(), destCPG: cpg }).map((i) => createPhysicalCopy(i.online ? i : { source: i.source, destVolume: i.destVolume }) as Command<unknown>),
  vol.map((name) => promoteVirtualCopy({ name }) as Command<unknown>),
  fc.integer({ min: 1, max: 6 }).map((id) => cancelTask({ id }) as Command<unknown>),
  fc.record({ name: fc.constantFrom('cg', 'cg2'), setmembers: fc.subarray(['v1', 'v2', 'v3']) }).map((i) => createVolumeSet(i) as Command<unknown>),
  fc.record({ name: fc.constantFrom('cg', 'cg2'), action: fc.constantFrom(1, 2), setmembers: fc.subarray(['v1', 'v2', 'v3', 's1'], { minLength: 1 }) }).map(({ name, ...changes }) => modifyVolumeSet({ name, changes }) as Command<unknown>),
  fc.constantFrom('cg', 'cg2').map((name) => deleteVolumeSet({ name }) as Command<unknown>),
  fc.constantFrom('cg-@count@', '@vvname@-x', 'plain').map((name) => createSnapshotOfVolumeSet({ set: 'cg', name }, local) as Command<unknown>),
);

describe('volume invariants under random command sequences', () => {
  it('usage adds up, families stay trees, ids/WWNs/names stay unique, failures change nothing', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(command, fc.integer({ min: 0, max: 3000 })), { maxLength: 35 }), (steps) => {
        const emu = emulator();
        const f = emu.fabric;
        f.run('array1', SYSTEM_ACTOR, (d) => {
          d.arrays['array1']!.cpgs['FC_r1']!.sdGrowth.limitMiB = 98304;
        });
        // Start from a small populated array so most random steps meet something to act on.
        for (const setup of [
          createVolume({ name: 'v1', cpg: 'FC_r1', sizeMiB: 4096, tpvv: true, snapCPG: 'FC_r1' }),
          createVolume({ name: 'v2', cpg: 'FC_r1', sizeMiB: 2048, snapCPG: 'SSD_r5' }),
          createVolume({ name: 'v3', cpg: 'SSD_r5', sizeMiB: 1024, tpvv: true, snapCPG: 'SSD_r5' }),
          createVolumeSet({ name: 'cg', setmembers: ['v1', 'v2'] }),
        ] as Command<unknown>[]) f.run('array1', SYSTEM_ACTOR, setup);
        for (const [cmd, advance] of steps) {
          const before = f.state;
          try {
            f.run('array1', SYSTEM_ACTOR, cmd);
          } catch (e) {
            if (!(e instanceof ArrayError)) throw e;
            expect(f.state).toBe(before);
          }
          f.clock.advance(advance);
          f.run('array1', SYSTEM_ACTOR, tick);
          checkInvariants(f.array('array1'));
        }
      }),
      { numRuns: 200 },
    );
  });
});
