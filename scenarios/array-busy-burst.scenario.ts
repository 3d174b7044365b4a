import type { Scenario } from './lib/scenario.ts';

/** The array answers "busy" three times in a row; a well-behaved client backs off, retries and carries on. */
const scenario: Scenario = {
  name: 'array-busy-burst',
  proves: 'a burst of 503 "System is too busy" answers is survived by retrying, and nothing is created twice',
  async run({ client, step, check }) {
    await step('three createVolume calls in a row will meet a busy array', async () => {
      await client.control('POST', '/faults', { match: { operation: 'createVolume' }, effect: { type: 'busy' }, budget: { kind: 'times', n: 3 } });
    });
    await step('create a volume: the client retries through the burst', async () => {
      const r = await client.post('/volumes', { name: 'busy-vol', cpg: 'FC_r1', sizeMiB: 1024, tpvv: true });
      check(r.status === 201, `expected 201, got ${r.status} ${r.text}`);
      check(client.recoveries.busyRetries === 3, `expected 3 retries, saw ${client.recoveries.busyRetries}`);
    });
    await step('the journal shows 503 × 3 (code 270) then 201', async () => {
      const j = await client.control<any[]>('GET', '/journal?operation=createVolume');
      check(JSON.stringify(j.map((e) => [e.status, e.code ?? null])) === JSON.stringify([[503, 270], [503, 270], [503, 270], [201, null]]), JSON.stringify(j));
    });
    await step('work continues: exactly one volume exists', async () => {
      const vols = (await client.get('/volumes')).body;
      check(vols.total === 1 && vols.members[0].name === 'busy-vol', JSON.stringify(vols.members.map((v: any) => v.name)));
    });
  },
};
export default scenario;
