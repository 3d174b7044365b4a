import { describe, expect, it } from 'vitest';
import { RC_ROLE } from '../../contracts/enums.ts';
import { ArrayError } from '../../emulator/model/errors.ts';
import { SYSTEM_ACTOR } from '../../emulator/model/fabric.ts';
import { admitVolume, createRcGroup, hostWrite, recoverRc, setLink, startRc, stopRc } from '../../emulator/model/remotecopy.ts';
import { createVolume } from '../../emulator/model/volume.ts';
import { emulator } from '../helpers.ts';

const { PRIMARY: P, SECONDARY: S, PRIMARY_REV: PR, SECONDARY_REV: SR } = RC_ROLE;
type Side = 'primary' | 'secondary';
const GROUP: Record<Side, string> = { primary: 'rcg', secondary: 'rcg.r99801' };

/** Pair states reached by commands, from a started synchronous group holding one volume. */
const STATES = {
  'natural, started': [],
  'natural, stopped': [['primary', 'stop']],
  'failed over': [['primary', 'stop'], ['secondary', 7]],
  'failed over, recovered': [['primary', 'stop'], ['secondary', 7], ['secondary', 9]],
  'reversed (action 6)': [['primary', 'stop'], ['primary', 6]],
} as const satisfies Record<string, readonly (readonly [Side, number | 'stop'])[]>;

function setup(state: keyof typeof STATES) {
  const emu = emulator({ fixture: 'pair' });
  const run = <R>(side: Side, cmd: Parameters<typeof emu.fabric.run<R>>[2]) => emu.fabric.run(side, SYSTEM_ACTOR, cmd);
  run('primary', createVolume({ name: 'v1', cpg: 'FC_r1', snapCPG: 'FC_r1', sizeMiB: 1024, tpvv: true } as never));
  run('primary', createRcGroup({ name: 'rcg', targets: [{ targetName: '3par-emu-02', mode: 1, userCPG: 'FC_r1' }] }));
  run('primary', admitVolume({ group: 'rcg', volumeName: 'v1', targets: [{ targetName: '3par-emu-02', secVolumeName: 'v1' }], volumeAutoCreation: true }));
  run('primary', startRc({ name: 'rcg' }));
  for (const [side, action] of STATES[state]) {
    if (action === 'stop') run(side, stopRc({ name: GROUP[side] }));
    else run(side, recoverRc({ name: GROUP[side], action }));
  }
  const roles = () => [emu.fabric.array('primary').rcGroups.rcg!.role, emu.fabric.array('secondary').rcGroups['rcg.r99801']!.role];
  return { emu, run, roles };
}

describe('remote-copy role transitions (role × action → next roles or error)', () => {
  // [state, side the action runs on, action, expected [primary array's role, secondary array's role] or error]
  const table: [keyof typeof STATES, Side, number, [number, number] | string][] = [
    ['natural, started', 'primary', 6, 'RCOPY_GROUP_NOT_STOPPED'],
    ['natural, started', 'primary', 7, 'RCOPY_GROUP_OPERATION_ONLY_ON_SECONDARY_SIDE'],
    ['natural, started', 'secondary', 7, 'RCOPY_GROUP_NOT_STOPPED'],
    ['natural, started', 'primary', 8, [SR, PR]],
    ['natural, started', 'primary', 9, 'INV_OPERATION_RCOPY_GROUP_ROLE_CONFLICT'],
    ['natural, started', 'primary', 10, 'INV_OPERATION_RCOPY_GROUP_ROLE_CONFLICT'],
    ['natural, stopped', 'primary', 6, [SR, PR]],
    ['natural, stopped', 'secondary', 7, [P, PR]],
    ['natural, stopped', 'primary', 8, 'RCOPY_GROUP_NOT_STARTED'],
    ['natural, stopped', 'secondary', 9, 'INV_OPERATION_RCOPY_GROUP_ROLE_CONFLICT'],
    ['natural, stopped', 'secondary', 6, 'INV_OPERATION_RCOPY_GROUP_ROLE_CONFLICT'],
    ['failed over', 'secondary', 9, [SR, PR]],
    ['failed over', 'secondary', 10, [P, S]],
    ['failed over', 'secondary', 7, 'RCOPY_GROUP_OPERATION_ONLY_ON_SECONDARY_SIDE'],
    ['failed over', 'primary', 7, 'RCOPY_GROUP_OPERATION_ONLY_ON_SECONDARY_SIDE'],
    ['failed over', 'primary', 9, 'INV_OPERATION_RCOPY_GROUP_ROLE_CONFLICT'],
    ['failed over, recovered', 'primary', 10, [P, S]],
    ['failed over, recovered', 'secondary', 10, [P, S]],
    ['failed over, recovered', 'primary', 7, 'INV_OPERATION_RCOPY_GROUP_ROLE_CONFLICT'],
    ['failed over, recovered', 'secondary', 6, 'INV_OPERATION_RCOPY_GROUP_ROLE_CONFLICT'],
    ['reversed (action 6)', 'secondary', 10, [P, S]],
    ['reversed (action 6)', 'primary', 9, 'INV_OPERATION_RCOPY_GROUP_ROLE_CONFLICT'],
    ['natural, started', 'primary', 11, [P, S]],
    ['natural, started', 'primary', 13, 'INV_INPUT_BAD_ENUM_VALUE'],
  ];

  it.each(table)('%s: action %i on the %s side → %j', (state, side, action, expected) => {
    const { run, roles, emu } = setup(state);
    const before = JSON.stringify(emu.fabric.state);
    const attempt = () => run(side, recoverRc({ name: GROUP[side], action }));
    if (typeof expected === 'string') {
      expect(attempt).toThrow(ArrayError);
      try {
        attempt();
      } catch (e) {
        expect((e as ArrayError).symbol).toBe(expected);
      }
      expect(JSON.stringify(emu.fabric.state)).toBe(before);
    } else {
      attempt();
      expect(roles()).toEqual(expected);
    }
  });

  it('FAILOVER needs no link (the primary site may be gone); RECOVER and RESTORE do', () => {
    const { run, roles } = setup('natural, started');
    run('primary', setLink({ arrays: ['primary', 'secondary'], up: false }));
    run('secondary', recoverRc({ name: GROUP.secondary, action: 7 }));
    expect(roles()).toEqual([P, PR]);
    expect(() => run('secondary', recoverRc({ name: GROUP.secondary, action: 9 }))).toThrow(ArrayError);
    expect(() => run('secondary', recoverRc({ name: GROUP.secondary, action: 10 }))).toThrow(ArrayError);
  });

  it('after a failover the secondary holds exactly the last synced generation (the RPO is measurable)', () => {
    const { run, emu } = setup('natural, started');
    run('primary', hostWrite({ name: 'v1', mib: 4 }));
    const synced = emu.fabric.array('primary').volumes.v1!.generation;
    run('primary', setLink({ arrays: ['primary', 'secondary'], up: false }));
    run('primary', hostWrite({ name: 'v1', mib: 4 }));
    run('secondary', recoverRc({ name: GROUP.secondary, action: 7 }));
    expect(emu.fabric.array('secondary').volumes.v1!.generation).toBe(synced);
    expect(emu.fabric.array('primary').volumes.v1!.generation).toBeGreaterThan(synced!);
  });

  it('autoRecover restarts a group stopped by a link failure when the link returns', () => {
    const { run, emu } = setup('natural, started');
    emu.fabric.run('primary', SYSTEM_ACTOR, (f) => {
      f.arrays.primary!.rcGroups.rcg!.targets[0]!.policies.autoRecover = true;
    });
    run('primary', setLink({ arrays: ['primary', 'secondary'], up: false }));
    expect(emu.fabric.array('primary').rcGroups.rcg!.targets[0]!.state).toBe(5);
    run('primary', setLink({ arrays: ['primary', 'secondary'], up: true }));
    expect(emu.fabric.array('primary').rcGroups.rcg!.targets[0]!.state).toBe(3);
    expect(emu.fabric.array('secondary').rcGroups['rcg.r99801']!.targets[0]!.state).toBe(3);
  });

  it('a failed-over pair stays put when the link returns, even with autoRecover: the failover site keeps its writes', () => {
    const { run, emu, roles } = setup('natural, started');
    emu.fabric.run('primary', SYSTEM_ACTOR, (f) => {
      f.arrays.primary!.rcGroups.rcg!.targets[0]!.policies.autoRecover = true;
      f.arrays.secondary!.rcGroups['rcg.r99801']!.targets[0]!.policies.autoRecover = true;
    });
    run('primary', setLink({ arrays: ['primary', 'secondary'], up: false }));
    run('secondary', recoverRc({ name: GROUP.secondary, action: 7 }));
    run('secondary', hostWrite({ name: 'v1', mib: 4 }));
    const written = emu.fabric.array('secondary').volumes.v1!.generation;
    run('primary', setLink({ arrays: ['primary', 'secondary'], up: true }));
    expect(roles()).toEqual([P, PR]);
    expect(emu.fabric.array('secondary').volumes.v1!.generation).toBe(written);
    expect(emu.fabric.array('primary').rcGroups.rcg!.targets[0]!.state).toBe(5);
    // Starting the old primary now would overwrite them too: refused until recover.
    expect(() => run('primary', startRc({ name: 'rcg' }))).toThrow(expect.objectContaining({ symbol: 'RCOPY_GROUP_IN_FAILOVER_STATE' }));
    run('secondary', recoverRc({ name: GROUP.secondary, action: 9 }));
    expect(emu.fabric.array('primary').volumes.v1!.generation).toBe(written);
  });
});
