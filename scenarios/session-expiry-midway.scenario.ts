import type { Scenario } from './lib/scenario.ts';

/** The session key idles out between two steps of a provisioning workflow. */
const scenario: Scenario = {
  name: 'session-expiry-midway',
  proves: 'a key that expired in the middle of a workflow costs one re-login, and the workflow finishes',
  async run({ client, step, check }) {
    await step('create a CPG', async () => {
      check((await client.post('/cpgs', { name: 'wf_cpg' })).status === 201, 'CPG not created');
    });
    await step('sixteen idle minutes pass (the array forgets keys after fifteen)', async () => {
      await client.control('POST', '/clock', { advanceSeconds: 16 * 60 });
    });
    await step('create a volume in it: 403 code 6, re-login, replay, 201', async () => {
      const r = await client.post('/volumes', { name: 'wf_vol', cpg: 'wf_cpg', sizeMiB: 2048 });
      check(r.status === 201, `expected 201, got ${r.status} ${r.text}`);
      check(client.recoveries.relogins === 1, `expected one re-login, saw ${client.recoveries.relogins}`);
      const j = await client.control<any[]>('GET', '/journal?operation=createVolume');
      check(j.length === 2 && j[0].status === 403 && j[0].code === 6 && j[1].status === 201, JSON.stringify(j));
    });
    await step('the workflow finishes: export prerequisites read fine with the new key', async () => {
      check((await client.get('/volumes/wf_vol')).body.userCPG === 'wf_cpg', 'volume not in its CPG');
    });
  },
};
export default scenario;
