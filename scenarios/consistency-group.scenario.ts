import type { Scenario } from './lib/scenario.ts';

/** OpenStack Cinder's generic volume groups with consistent snapshots on 3PAR: a volume set per group. */
const scenario: Scenario = {
  name: 'consistency-group',
  proves: 'a consistency group lives its whole life — set, members, point-in-time group snapshot, clone from it, delete — on the WSAPI alone',
  async run({ client, step, check }) {
    const members = ['osv-cg-a', 'osv-cg-b', 'osv-cg-c'];
    const clones = members.map((m) => m.replace('osv-', 'osv-cl-'));
    await step('create the group (a volume set) and its volumes, add them', async () => {
      check((await client.post('/volumesets', { name: 'vvs-cg1', comment: '{"group_id": "cg1"}' })).status === 201, 'set');
      for (const m of members) check((await client.post('/volumes', { name: m, cpg: 'FC_r1', snapCPG: 'FC_r1', sizeMiB: 2048, tpvv: true })).status === 201, m);
      check((await client.put('/volumesets/vvs-cg1', { action: 1, setmembers: members })).status === 200, 'add members');
    });
    await step('a consistent group snapshot: one snapshot per member, same instant, names from the pattern', async () => {
      const r = await client.post('/volumesets/vvs-cg1', { action: 'createSnapshot', parameters: { name: 'oss-cgs1-@count@', readOnly: true, comment: 'cgsnapshot' } });
      check(r.status === 201, r.text);
      const snaps = await Promise.all([0, 1, 2].map((i) => client.get(`/volumes/oss-cgs1-${i}`)));
      check(snaps.map((s) => s.body.copyOf).join() === members.join(), 'copyOf in set order');
      check(new Set(snaps.map((s) => s.body.creationTimeSec)).size === 1, 'one point in time');
    });
    await step('clone a new group from the group snapshot (online copies, tracked as tasks)', async () => {
      check((await client.post('/volumesets', { name: 'vvs-cg2' })).status === 201, 'set 2');
      for (let i = 0; i < 3; i++) {
        const r = await client.post(`/volumes/oss-cgs1-${i}`, { action: 'createPhysicalCopy', parameters: { destVolume: clones[i], destCPG: 'FC_r1', online: true, tpvv: true } });
        check(r.status === 201, r.text);
        const t = await client.waitForTask(r.body.taskid);
        check(t.status === 1, JSON.stringify(t));
      }
      check((await client.put('/volumesets/vvs-cg2', { action: 1, setmembers: clones })).status === 200, 'add clones');
    });
    await step('delete the snapshot group, then both groups and their volumes', async () => {
      for (let i = 0; i < 3; i++) check((await client.delete(`/volumes/oss-cgs1-${i}`)).status === 200, `snapshot ${i}`);
      for (const set of ['vvs-cg1', 'vvs-cg2']) check((await client.delete(`/volumesets/${set}`)).status === 200, set);
      for (const v of [...members, ...clones]) check((await client.delete(`/volumes/${v}`)).status === 200, v);
      check((await client.get('/volumes')).body.total === 0, 'nothing left');
    });
  },
};
export default scenario;
