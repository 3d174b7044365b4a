import type { Scenario } from './lib/scenario.ts';

/** A ViPR/CoprHD-style full copy of a volume group: one physical copy per member, tracked as tasks. */
const scenario: Scenario = {
  name: 'group-full-copy',
  proves: 'a volume-group full copy runs as one task per member, a failing member is seen and redone, the rest are detached as independent volumes',
  async run({ client, step, check }) {
    const sources = ['app-db', 'app-log', 'app-bin'];
    const copies = sources.map((s) => `${s}-fc`);
    let tasks: { parent: string; child: string; taskid: number }[] = [];
    await step('a three-volume group and an equally sized target group', async () => {
      for (const v of [...sources, ...copies]) check((await client.post('/volumes', { name: v, cpg: 'FC_r1', snapCPG: 'FC_r1', sizeMiB: 4096, tpvv: true })).status === 201, v);
      for (const v of sources) await client.control('POST', `/volumes/${v}/write`, { mib: 1500 });
      check((await client.post('/volumesets', { name: 'app', setmembers: sources })).status === 201, 'source set');
      check((await client.post('/volumesets', { name: 'app-fc', setmembers: copies })).status === 201, 'target set');
    });
    await step('copy the group: one {parent, child, taskid} per member', async () => {
      const r = await client.post('/volumesets/app', { action: 'createPhysicalCopy', parameters: { destVolume: 'app-fc', saveSnapshot: true, priority: 2 } });
      check(r.status === 201 && Array.isArray(r.body) && r.body.length === 3, r.text);
      tasks = r.body;
      check(tasks.map((t) => `${t.parent}>${t.child}`).join() === sources.map((s, i) => `${s}>${copies[i]}`).join(), JSON.stringify(tasks));
    });
    await step('the log member copy fails; the others finish', async () => {
      await client.control('POST', `/tasks/${tasks[1]!.taskid}`, { failAtEnd: true });
      const results = [];
      for (const t of tasks) results.push(await client.waitForTask(t.taskid));
      check(results.map((r) => r.status).join() === '1,4,1', results.map((r) => r.status).join());
      check((await client.get(`/volumes/${copies[1]}`)).body.state === 3, 'failed copy marked');
    });
    await step('the finished copies are full copies of their sources until detached', async () => {
      for (const i of [0, 2]) {
        const c = (await client.get(`/volumes/${copies[i]}`)).body;
        const s = (await client.get(`/volumes/${sources[i]}`)).body;
        check(c.copyType === 2 && c.physParentId === s.id && c.userSpace.usedMiB === 1500, JSON.stringify(c));
      }
    });
    await step('redo the failed member: replace the target volume and copy it alone', async () => {
      check((await client.put('/volumesets/app-fc', { action: 2, setmembers: [copies[1]] })).status === 200, 'out of the set');
      check((await client.put(`/volumes/${copies[1]}`, { action: 1 })).status === 200, 'drop the copy relation');
      check((await client.delete(`/volumes/${copies[1]}`)).status === 200, 'delete the failed copy');
      check((await client.post('/volumes', { name: copies[1], cpg: 'FC_r1', snapCPG: 'FC_r1', sizeMiB: 4096, tpvv: true })).status === 201, 'new target');
      const r = await client.post(`/volumes/${sources[1]}`, { action: 'createPhysicalCopy', parameters: { destVolume: copies[1], saveSnapshot: true } });
      check(r.status === 201, r.text);
      check((await client.waitForTask(r.body.taskid)).status === 1, 'copy done');
      check((await client.put('/volumesets/app-fc', { action: 1, setmembers: [copies[1]] })).status === 200, 'back in the set');
    });
    await step('detach every copy: independent base volumes, the sources deletable', async () => {
      for (const c of copies) check((await client.put(`/volumes/${c}`, { action: 1 })).status === 200, `detach ${c}`);
      for (const c of copies) check((await client.get(`/volumes/${c}`)).body.copyType === 1, c);
      check((await client.delete('/volumesets/app')).status === 200, 'source set');
      for (const s of sources) check((await client.delete(`/volumes/${s}`)).status === 200, `delete ${s}`);
    });
  },
};
export default scenario;
