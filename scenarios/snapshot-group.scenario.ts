import type { Scenario } from './lib/scenario.ts';

/** ZStack-style volume snapshot groups: a VM's root and data volumes snapshotted together. */
const scenario: Scenario = {
  name: 'snapshot-group',
  proves: 'a VM snapshot group can be taken, renamed, reverted per volume and deleted even with a member already gone',
  async run({ client, step, check }) {
    const vols = ['vm1-root', 'vm1-data'];
    await step('a VM with a root and a data volume, grouped', async () => {
      for (const v of vols) check((await client.post('/volumes', { name: v, cpg: 'SSD_r5', snapCPG: 'SSD_r5', sizeMiB: 10240, tpvv: true })).status === 201, v);
      check((await client.post('/volumesets', { name: 'vm1', setmembers: vols })).status === 201, 'set');
      for (const v of vols) await client.control('POST', `/volumes/${v}/write`, { mib: 1000 });
    });
    await step('take the group snapshot: @vvname@ patterns keep names readable', async () => {
      check((await client.post('/volumesets/vm1', { action: 'createSnapshot', parameters: { name: 'sg1-@vvname@' } })).status === 201, 'snapshot');
      for (const v of vols) check((await client.get(`/volumes/sg1-${v}`)).body.copyOf === v, v);
    });
    await step('rename one snapshot of the group', async () => {
      check((await client.put('/volumes/sg1-vm1-data', { newName: 'sg1-data-renamed' })).status === 200, 'rename');
      check((await client.get('/volumes/sg1-data-renamed')).body.copyOf === 'vm1-data', 'family kept');
    });
    await step('the VM writes more, then the root volume is reverted to its snapshot (promote, a task)', async () => {
      await client.control('POST', '/volumes/vm1-root/write', { mib: 500 });
      check((await client.get('/volumes/vm1-root')).body.snapshotSpace.usedMiB === 500, 'copy-on-write data');
      const r = await client.put('/volumes/sg1-vm1-root', { action: 4 });
      check(r.status === 200, r.text);
      const t = await client.waitForTask(r.body.taskid);
      check(t.status === 1 && t.type === 4, JSON.stringify(t));
    });
    await step('one member snapshot is already gone when the group is deleted: the rest still goes', async () => {
      check((await client.delete('/volumes/sg1-data-renamed')).status === 200, 'first delete');
      const again = await client.delete('/volumes/sg1-data-renamed');
      check(again.status === 404 && again.body.code === 23, 'a missing member answers 404/23, which a group delete tolerates');
      check((await client.delete('/volumes/sg1-vm1-root')).status === 200, 'root snapshot');
      check((await client.get('/volumes/vm1-root')).body.snapshotSpace.usedMiB === 0, 'no snapshot data left');
    });
  },
};
export default scenario;
