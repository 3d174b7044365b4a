import { describe, expect, it } from 'vitest';
import { rawFactor, toRaw } from '../../emulator/model/capacity.ts';
import { createCpg, defaultGrowth, minimumGrowthIncrementMiB, resolveLayout, spaceReport } from '../../emulator/model/cpg.ts';
import { ArrayError } from '../../emulator/model/errors.ts';
import { SYSTEM_ACTOR } from '../../emulator/model/fabric.ts';
import { emulator } from '../helpers.ts';

describe('RAID overhead', () => {
  // Logical → raw pairs recorded on real arrays (shared/reference/golden README, fact 9).
  it.each([
    [1024, { RAIDType: 3, setSize: 8 }, 1170],
    [16384, { RAIDType: 3, setSize: 4 }, 21845],
    [45056, { RAIDType: 2, setSize: 3 }, 135168],
    [32768, { RAIDType: 2, setSize: 2 }, 65536],
    [14592, { RAIDType: 3, setSize: 8 }, 16677],
    [4608, { RAIDType: 3, setSize: 8 }, 5266],
  ])('%i MiB on %o is %i MiB raw', (logical, layout, raw) => {
    expect(toRaw(logical, layout)).toBe(raw);
  });

  it('RAID 6 6+2 costs 4/3 and RAID 0 nothing', () => {
    expect(rawFactor({ RAIDType: 4, setSize: 8 })).toBeCloseTo(4 / 3);
    expect(rawFactor({ RAIDType: 1, setSize: 1 })).toBe(1);
  });
});

describe('CPG defaults and rules', () => {
  it('scales growth steps per node pair', () => {
    const a = emulator().fabric.array('array1');
    expect(defaultGrowth(a)).toEqual({ sa: 8192, sd: 32768 });
    expect(minimumGrowthIncrementMiB(a)).toBe(8192);
    const four = { ...a, profile: { ...a.profile, nodes: 4 } };
    expect(defaultGrowth(four)).toEqual({ sa: 16384, sd: 65536 });
  });

  it('completes a layout with RAID 6 8-wide; cage HA only when the set fits across cages', () => {
    const a = emulator().fabric.array('array1'); // 2 cages
    expect(resolveLayout(a, {})).toMatchObject({ RAIDType: 4, setSize: 8, HA: 3, chunkletPosPref: 1, diskPatterns: [{ diskType: 1 }] });
    expect(resolveLayout(a, { RAIDType: 2 })).toMatchObject({ setSize: 2, HA: 2 });
  });

  it('refuses a set size the RAID type does not allow (INV_SET_SIZE, sent as code 12 since its number is unknown)', () => {
    const emu = emulator();
    let err: unknown;
    try {
      emu.fabric.run('array1', SYSTEM_ACTOR, createCpg({ name: 'x', LDLayout: { RAIDType: 3, setSize: 2 } }));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ArrayError);
    expect((err as ArrayError).symbol).toBe('INV_SET_SIZE');
    expect((err as ArrayError).code).toBe(12);
    expect((err as ArrayError).http).toBe(400);
    expect((err as ArrayError).ref).toBe('setSize');
  });

  it('refuses a warning above the growth limit', () => {
    const emu = emulator();
    expect(() => emu.fabric.run('array1', SYSTEM_ACTOR, createCpg({ name: 'x', growthLimitMiB: 100000, usedLDWarningAlertMiB: 200000 }))).toThrow(ArrayError);
  });

  it('refuses a CPG on a drive type the array does not have (NO_SPACE)', () => {
    const emu = emulator({ fixture: '7450c-3.2.2' });
    let code = 0;
    try {
      emu.fabric.run('array1', SYSTEM_ACTOR, createCpg({ name: 'fc', LDLayout: { RAIDType: 2, diskPatterns: [{ diskType: 1 }] } }));
    } catch (e) {
      code = (e as ArrayError).code;
    }
    expect(code).toBe(24);
  });

  it('reports free space as drives minus spares and system LDs, divided by the RAID overhead', () => {
    const a = emulator().fabric.array('array1');
    const ssd = a.profile.disks.find((d) => d.type === 'SSD')!;
    const r = spaceReport(a, { cpg: 'SSD_r5' });
    expect(r.rawFreeMiB).toBe(ssd.count * ssd.sizeMiB - ssd.spareMiB - ssd.internalMiB);
    expect(r.usableFreeMiB).toBe(Math.floor((r.rawFreeMiB * 3) / 4));
  });
});

describe('task times', () => {
  it('print the local time with the zone abbreviation, as recorded tasks do', async () => {
    const { taskTime } = await import('../../emulator/routes/task.ts');
    const summer = Date.UTC(2017, 7, 2, 9, 7, 0);
    expect(taskTime(summer, 'America/Los_Angeles')).toBe('2017-08-02 02:07:00 PDT');
    expect(taskTime(summer, 'Europe/Berlin')).toBe('2017-08-02 11:07:00 CEST');
    expect(taskTime(Date.UTC(2017, 0, 2, 9, 7, 0), 'Europe/Berlin')).toBe('2017-01-02 10:07:00 CET');
  });
});

describe('error catalog', () => {
  it('every symbol can be sent: a number and status of its own, or a documented stand-in', async () => {
    const { ERROR_CATALOG } = await import('../../contracts/errors.ts');
    for (const e of ERROR_CATALOG) {
      const err = new ArrayError(e.symbol);
      expect(Number.isInteger(err.code)).toBe(true);
      expect(err.http).toBeGreaterThanOrEqual(400);
      if (e.code !== null) expect([err.code, err.http]).toEqual([e.code, e.http]);
      else expect(err.http).toBe(e.http);
    }
  });
});
