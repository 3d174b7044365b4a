// npm run scenario -- <name|all> [--url http://127.0.0.1:8080/api/v1]
// Without --url an emulator is started in-process. Exit code 0 when every scenario passed.
import { parseArgs } from 'node:util';
import { startEmulator } from '../emulator/server.ts';
import { SCENARIOS } from './index.ts';
import { runScenario } from './lib/scenario.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { url: { type: 'string' } } });
const wanted = positionals[0] ?? 'all';
const chosen = wanted === 'all' ? SCENARIOS : SCENARIOS.filter((s) => s.name === wanted);
if (chosen.length === 0) {
  console.error(`no scenario "${wanted}"; scenarios: ${SCENARIOS.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
const emu = values.url ? undefined : await startEmulator({ port: 0 });
const url = values.url ?? emu!.url;
let failed = 0;
for (const s of chosen) {
  const r = await runScenario(s, url, (line) => console.log(line));
  if (!r.ok) failed++;
}
await emu?.close();
console.log(`${chosen.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
