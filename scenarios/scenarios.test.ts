import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/server.ts';
import { SCENARIOS } from './index.ts';
import { runScenario } from './lib/scenario.ts';

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
});
afterAll(() => emu.close());

/** The journal without wall-clock durations: what must repeat exactly for the same seed. */
const replayable = (journal: unknown[]) => journal.map((e) => ({ ...(e as Record<string, unknown>), ms: undefined }));

describe('scenarios', () => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    const lines: string[] = [];
    const first = await runScenario(scenario, emu.url, (l) => lines.push(l));
    expect(first.ok, lines.join('\n')).toBe(true);
    expect(first.steps.length).toBeGreaterThan(1);
    // Deterministic: the same seed and steps give the same journal.
    const second = await runScenario(scenario, emu.url);
    expect(replayable(second.journal)).toEqual(replayable(first.journal));
  });
});
