import type { Scenario } from './lib/scenario.ts';

/** An online clone's copy task fails half way; the client notices and cleans up like python-3parclient. */
const scenario: Scenario = {
  name: 'copy-task-fails-halfway',
  proves: 'a failed copy task is visible on the task API and the destination, and cleanup leaves a consistent array',
  async run({ client, step, check }) {
    let taskid = 0;
    await step('a source volume with data', async () => {
      check((await client.post('/volumes', { name: 'src', cpg: 'FC_r1', sizeMiB: 8192, tpvv: true, snapCPG: 'FC_r1' })).status === 201, 'volume');
      await client.control('POST', '/volumes/src/write', { mib: 4096 });
    });
    await step('start an online copy; it will fail at step 4 of 8', async () => {
      const r = await client.post('/volumes/src', { action: 'createPhysicalCopy', parameters: { destVolume: 'clone', destCPG: 'FC_r1', online: true, tpvv: true } });
      check(r.status === 201, r.text);
      taskid = r.body.taskid;
      await client.control('POST', `/tasks/${taskid}`, { failAtStep: 4 });
    });
    await step('the task ends FAILED at step 4; the destination says COPY_FAILED', async () => {
      const t = await client.waitForTask(taskid);
      check(t.status === 4 && t.completedSteps === 4 && t.totalSteps === 8, JSON.stringify(t));
      const d = (await client.get('/volumes/clone')).body;
      check(d.state === 3 && JSON.stringify(d.failedStates) === '[9]', JSON.stringify(d));
    });
    await step('copying from the failed destination is refused', async () => {
      const r = await client.post('/volumes/clone', { action: 'createPhysicalCopy', parameters: { destVolume: 'clone2', destCPG: 'FC_r1', online: true } });
      check(r.status === 409, `${r.status} ${r.text}`);
    });
    await step('cleanup as the client does: destination, then the helper snapshots it points at', async () => {
      const d = (await client.get('/volumes/clone')).body;
      const helper = (await client.get(`/volumes/${d.copyOf}`)).body;
      for (const n of ['clone', helper.name, helper.copyOf]) check((await client.delete(`/volumes/${n}`)).status === 200, `delete ${n}`);
    });
    await step('the source is whole and deletable; its CPG holds nothing of the failed copy', async () => {
      check((await client.delete('/volumes/src')).status === 200, 'delete src');
      const cpg = (await client.get('/cpgs/FC_r1')).body;
      check(cpg.UsrUsage.usedMiB === 0 && cpg.SDUsage.usedMiB === 0, JSON.stringify({ usr: cpg.UsrUsage, sd: cpg.SDUsage }));
    });
  },
};
export default scenario;
