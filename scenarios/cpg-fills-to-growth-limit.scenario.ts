import type { Scenario } from './lib/scenario.ts';

/** Thin volumes fill their CPG up to its growth limit; the admin raises the limit and writes resume. */
const scenario: Scenario = {
  name: 'cpg-fills-to-growth-limit',
  proves: 'out-of-space comes from the numbers (CPG growth limit), and raising the limit lets work resume',
  async run({ client, step, check }) {
    const write = (name: string, mib: number) =>
      fetch(`${client.root}/_emulator/volumes/${name}/write`, { method: 'POST', body: JSON.stringify({ mib }) }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
    await step('a CPG limited to 16 GiB, growing 8 GiB at a time', async () => {
      check((await client.post('/cpgs', { name: 'small', growthIncrementMiB: 8192, growthLimitMiB: 16384, LDLayout: { RAIDType: 2, diskPatterns: [{ diskType: 1 }] } })).status === 201, 'CPG');
    });
    await step('two 20 GiB thin volumes in it', async () => {
      for (const n of ['t1', 't2']) check((await client.post('/volumes', { name: n, cpg: 'small', sizeMiB: 20480, tpvv: true })).status === 201, n);
    });
    await step('hosts write 7 GiB to each: fine', async () => {
      for (const n of ['t1', 't2']) check((await write(n, 7000)).status === 200, n);
    });
    await step('more writes hit the growth limit: 400 code 24', async () => {
      const r = await write('t1', 4000);
      check(r.status === 400 && r.body.code === 24, JSON.stringify(r));
      const cpg = (await client.get('/cpgs/small')).body;
      check(cpg.totalSpaceMiB === 16384 && cpg.state === 3, `CPG: total ${cpg.totalSpaceMiB}, state ${cpg.state}`);
    });
    await step('a new fully provisioned volume does not fit either (400 code 24)', async () => {
      // A fully provisioned volume needs its whole size at once.
      const r = await client.post('/volumes', { name: 'full', cpg: 'small', sizeMiB: 8192 });
      check(r.status === 400 && r.body.code === 24, JSON.stringify(r.body));
    });
    await step('the admin raises the limit to 64 GiB', async () => {
      check((await client.put('/cpgs/small', { growthLimitMiB: 65536 })).status === 200, 'modify CPG');
    });
    await step('the write that failed now succeeds, and the CPG grew one step', async () => {
      const r = await write('t1', 4000);
      check(r.status === 200, JSON.stringify(r));
      const cpg = (await client.get('/cpgs/small')).body;
      check(cpg.totalSpaceMiB === 24576 && cpg.state === 1, `CPG: total ${cpg.totalSpaceMiB}, state ${cpg.state}`);
    });
  },
};
export default scenario;
