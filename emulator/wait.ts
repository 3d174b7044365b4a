// Wait until an emulator answers its readiness endpoint: for scripts and CI steps that start one in the background.
//   npm run wait -- --url http://127.0.0.1:8080 [--timeout 30]
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { url: { type: 'string', default: 'http://127.0.0.1:8080' }, timeout: { type: 'string', default: '30' } } });
const base = values.url!.replace(/\/api\/v1\/?$/, '').replace(/\/$/, '');
const deadline = Date.now() + Number(values.timeout) * 1000;
for (;;) {
  try {
    const r = await fetch(`${base}/_emulator/ready`);
    if (r.ok) {
      console.log(`ready: ${base}`);
      process.exit(0);
    }
  } catch {
    // not listening yet
  }
  if (Date.now() > deadline) {
    console.error(`not ready after ${values.timeout}s: ${base}`);
    process.exit(1);
  }
  await new Promise((r) => setTimeout(r, 250));
}
