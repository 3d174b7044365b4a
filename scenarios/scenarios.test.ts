import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../emulator/server.ts';
import { SCENARIOS } from './index.ts';
import { runScenario } from './lib/scenario.ts';

let emu: RunningEmulator;
let pair: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ port: 0 });
  pair = await startEmulator({ port: 0, fixture: 'pair' });
});
afterAll(async () => {
  await emu.close();
  await pair.close();
});

/** The journal without wall-clock durations: what must repeat exactly for the same seed. */
const replayable = (journal: unknown[]) => journal.map((e) => ({ ...(e as Record<string, unknown>), ms: undefined }));

describe('scenarios', () => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s', async (_name, scenario) => {
    const lines: string[] = [];
    const [url, peerUrl] = scenario.needs === 'pair' ? [pair.url, pair.arrays[1]!.url] : [emu.url, undefined];
    const first = await runScenario(scenario, url, (l) => lines.push(l), peerUrl);
    expect(first.ok, lines.join('\n')).toBe(true);
    expect(first.steps.length).toBeGreaterThan(1);
    // Deterministic: the same seed and steps give the same journal.
    const second = await runScenario(scenario, url, () => {}, peerUrl);
    expect(replayable(second.journal)).toEqual(replayable(first.journal));
  });
});
