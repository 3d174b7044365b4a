// npm run scenario -- <name|all> [--url http://127.0.0.1:8080/api/v1] [--peer-url http://127.0.0.1:8081/api/v1]
// Without --url an emulator is started in-process (the `pair` fixture for scenarios that need two arrays).
// Exit code 0 when every scenario passed.
import { parseArgs } from 'node:util';
import { startEmulator } from '../emulator/server.ts';
import { SCENARIOS } from './index.ts';
import { runScenario } from './lib/scenario.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { url: { type: 'string' }, 'peer-url': { type: 'string' } } });
const wanted = positionals[0] ?? 'all';
const chosen = wanted === 'all' ? SCENARIOS : SCENARIOS.filter((s) => s.name === wanted);
if (chosen.length === 0) {
  console.error(`no scenario "${wanted}"; scenarios: ${SCENARIOS.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
const single = values.url || !chosen.some((s) => s.needs !== 'pair') ? undefined : await startEmulator({ port: 0 });
const pair = values.url || !chosen.some((s) => s.needs === 'pair') ? undefined : await startEmulator({ port: 0, fixture: 'pair' });
let failed = 0;
for (const s of chosen) {
  const url = values.url ?? (s.needs === 'pair' ? pair!.url : single!.url);
  const peerUrl = values['peer-url'] ?? (s.needs === 'pair' && pair ? pair.arrays[1]!.url : undefined);
  if (s.needs === 'pair' && !peerUrl) {
    console.log(`${s.name}: skipped (needs --peer-url)`);
    continue;
  }
  const r = await runScenario(s, url, (line) => console.log(line), peerUrl);
  if (!r.ok) failed++;
}
await single?.close();
await pair?.close();
console.log(`${chosen.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
