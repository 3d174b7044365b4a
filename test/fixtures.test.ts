import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR, FixtureError, loadFixture, validateFixture } from '../emulator/fixtures.ts';
import { buildFabric } from '../emulator/model/boot.ts';
import { ArrayError } from '../emulator/model/errors.ts';

const shipped = readdirSync(FIXTURES_DIR).filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, ''));

describe('fixtures', () => {
  it.each(shipped)('%s loads and boots', (name) => {
    const fixture = loadFixture(name);
    const state = buildFabric(fixture, 1, 0);
    expect(Object.keys(state.arrays)).toHaveLength(fixture.arrays.length);
    for (const a of fixture.arrays) expect(Object.keys(state.arrays[a.key ?? a.profile.name]!.cpgs)).toEqual((a.cpgs ?? []).map((c) => c.name));
  });

  it('names the member at fault', () => {
    const good = loadFixture('default');
    const base = good.arrays[0]!;
    const withProfile = (p: object) => ({ arrays: [{ ...base, profile: { ...base.profile, ...p } }] });
    expect(() => validateFixture(withProfile({ timeZone: 'Mars/Olympus' }), 'f')).toThrow(/timeZone/);
    expect(() => validateFixture(withProfile({ ports: [base.profile.ports![0], base.profile.ports![0]] }), 'f')).toThrow(/listed twice/);
    expect(() => validateFixture(withProfile({ disks: [] }), 'f')).toThrow(FixtureError);
    expect(() => validateFixture({ arrays: [{ ...base, users: [{ name: 'x', password: 'y', role: 'root' }] }] }, 'f')).toThrow(/role/);
    expect(() => loadFixture('no-such-fixture')).toThrow(/no fixture/);
  });

  it('refuses a fixture CPG the array itself would refuse', () => {
    const f = loadFixture('default');
    const bad = { arrays: [{ ...f.arrays[0]!, cpgs: [{ name: 'r5nl', LDLayout: { RAIDType: 3, diskPatterns: [{ diskType: 2 }] } }] }] };
    expect(() => buildFabric(bad, 1, 0)).toThrow(ArrayError);
  });
});
