import type { Scenario } from './lib/scenario.ts';

const WWNS = ['10000000C9F00001', '10000000C9F00002'];

/** A controller node fails while a host has a volume exported over both nodes. */
const scenario: Scenario = {
  name: 'node-failure-during-exports',
  proves: 'a node failure takes its ports and paths (active VLUNs) away and recovery brings them back, templates untouched',
  async run({ client, step, check }) {
    const activePorts = async () =>
      (await client.get('/vluns?query=%22hostname%20EQ%20esx1%22')).body.members
        .filter((v: any) => v.active)
        .map((v: any) => `${v.portPos.node}:${v.portPos.slot}:${v.portPos.cardPort}`)
        .sort()
        .join(' ');
    await step('a host with two HBAs zoned to both nodes, and an export', async () => {
      for (const w of WWNS) for (const p of ['0:1:1', '1:1:1']) await client.control('POST', '/logins', { initiator: w, portPos: p });
      check((await client.post('/hosts', { name: 'esx1', FCWWNs: WWNS, persona: 8 })).status === 201, 'host');
      check((await client.post('/volumes', { name: 'ds1', cpg: 'FC_r1', sizeMiB: 4096, tpvv: true })).status === 201, 'volume');
      check((await client.post('/vluns', { volumeName: 'ds1', hostname: 'esx1', lun: 0, autoLun: true })).status === 201, 'export');
      check((await activePorts()) === '0:1:1 0:1:1 1:1:1 1:1:1', await activePorts());
    });
    await step('node 1 fails: its paths go, node 0 keeps serving', async () => {
      await client.control('POST', '/failures/node', { node: 1, failed: true });
      check((await activePorts()) === '0:1:1 0:1:1', await activePorts());
      check(JSON.stringify((await client.get('/system')).body.onlineNodes) === '[0]', 'onlineNodes');
      const templates = (await client.get('/vluns')).body.members.filter((v: any) => !v.active);
      check(templates.length === 1, 'the export itself stays');
    });
    await step('node 1 comes back: every path is active again', async () => {
      await client.control('POST', '/failures/node', { node: 1, failed: false });
      check((await activePorts()) === '0:1:1 0:1:1 1:1:1 1:1:1', await activePorts());
    });
  },
};
export default scenario;
