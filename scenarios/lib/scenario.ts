import { ScenarioClient } from './client.ts';

export class ScenarioFailure extends Error {}

export interface ScenarioContext {
  client: ScenarioClient;
  /** the partner array, for scenarios that need a remote-copy pair (`needs: 'pair'`) */
  peer?: ScenarioClient;
  /** a named step: printed with its outcome; the first failing step ends the scenario */
  step(name: string, fn: () => Promise<void>): Promise<void>;
  /** fail the step with this message unless the condition holds */
  check(condition: unknown, message: string): void;
}

export interface Scenario {
  name: string;
  /** what the scenario proves, in one sentence */
  proves: string;
  /** 'pair': runs against two arrays in a remote-copy partnership (the `pair` fixture) */
  needs?: 'pair';
  run(ctx: ScenarioContext): Promise<void>;
}

export interface StepResult {
  name: string;
  ok: boolean;
  error?: string;
}

export interface ScenarioResult {
  name: string;
  ok: boolean;
  steps: StepResult[];
  journal: unknown[];
}

/**
 * Run one scenario against a base URL whose emulator was reset and whose clock is frozen; pair scenarios also get
 * the partner array's URL (one emulator serves both, so one reset and one clock cover them).
 */
export async function runScenario(scenario: Scenario, baseUrl: string, log: (line: string) => void = () => {}, peerUrl?: string): Promise<ScenarioResult> {
  const client = new ScenarioClient(baseUrl);
  const peer = peerUrl ? new ScenarioClient(peerUrl) : undefined;
  if (scenario.needs === 'pair' && !peer) throw new Error(`${scenario.name} needs a remote-copy pair: give the partner array's URL`);
  await client.control('POST', '/reset');
  await client.control('POST', '/clock', { freeze: true, set: '2026-01-15T09:30:00Z' });
  const steps: StepResult[] = [];
  const ctx: ScenarioContext = {
    client,
    ...(peer ? { peer } : {}),
    async step(name, fn) {
      try {
        await fn();
        steps.push({ name, ok: true });
        log(`  ✓ ${name}`);
      } catch (e) {
        steps.push({ name, ok: false, error: (e as Error).message });
        log(`  ✗ ${name}: ${(e as Error).message}`);
        throw new ScenarioFailure(name);
      }
    },
    check(condition, message) {
      if (!condition) throw new Error(message);
    },
  };
  log(`${scenario.name} — ${scenario.proves}`);
  let ok = true;
  try {
    await client.login();
    await peer?.login();
    await scenario.run(ctx);
  } catch (e) {
    ok = false;
    if (!(e instanceof ScenarioFailure)) {
      steps.push({ name: 'scenario', ok: false, error: (e as Error).message });
      log(`  ✗ ${(e as Error).message}`);
    }
  }
  const journal = await client.control<unknown[]>('GET', '/journal');
  if (!ok) for (const e of journal.slice(-15)) log(`    journal ${JSON.stringify(e)}`);
  return { name: scenario.name, ok, steps, journal };
}
