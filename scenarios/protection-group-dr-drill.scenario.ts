import type { Scenario } from './lib/scenario.ts';

/**
 * A DR orchestrator's protection group on 3PAR remote copy: two volumes replicated synchronously, the link lost
 * mid-flight, failover to the secondary site, writes there, and failback once the link is back. Names follow
 * cinder's replication (`rcg-…` group, `<group>.r<primary system id>` partner).
 */
const scenario: Scenario = {
  name: 'protection-group-dr-drill',
  proves: 'a protection group survives link loss: failover serves the last replicated data, and failback brings back what the secondary site wrote',
  needs: 'pair',
  async run({ client, peer, step, check }) {
    const b = peer!;
    const group = 'rcg-pg1';
    const volumes = ['osv-pg-db', 'osv-pg-log'];
    const peerTarget = (await b.get('/system')).body.name as string;
    const partner = `${group}.r${(await client.get('/system')).body.id}`;
    const generation = async (c: typeof client, v: string) => (await c.control<{ generation: number }>('GET', `/volumes/${v}`)).generation;
    const write = (c: typeof client, v: string) => c.control('POST', `/volumes/${v}/write`, { mib: 8 });

    await step('protect two volumes: group, admit with secondaries created on the peer, start', async () => {
      for (const v of volumes) check((await client.post('/volumes', { name: v, cpg: 'FC_r1', snapCPG: 'FC_r1', sizeMiB: 4096, tpvv: true })).status === 201, v);
      const created = await client.post('/remotecopygroups', { name: group, targets: [{ targetName: peerTarget, mode: 1, userCPG: 'FC_r1', snapCPG: 'FC_r1' }], localUserCPG: 'FC_r1', localSnapCPG: 'FC_r1' });
      check(created.status === 201, created.text);
      for (const v of volumes) {
        const r = await client.put(`/remotecopygroups/${group}`, { action: 1, volumeName: v, targets: [{ targetName: peerTarget, secVolumeName: v }], volumeAutoCreation: true });
        check(r.status === 200, r.text);
      }
      check((await client.put(`/remotecopygroups/${group}`, { action: 3 })).status === 200, 'start');
      const g = (await client.get(`/remotecopygroups/${group}`)).body;
      check(g.volumes.every((v: any) => v.remoteVolumes[0].syncStatus === 3), 'initial sync done');
    });

    await step('host writes on the primary reach the secondary at once (synchronous mode)', async () => {
      for (const v of volumes) await write(client, v);
      for (const v of volumes) check((await generation(b, v)) === (await generation(client, v)), `${v} mirrored`);
    });

    const lost: Record<string, number> = {};
    await step('the replication link fails: both sides stop; the primary keeps writing, the secondary falls behind', async () => {
      await client.control('POST', '/links', { up: false });
      check((await client.get(`/remotecopygroups/${group}`)).body.targets[0].state === 5, 'primary side stopped');
      check((await b.get(`/remotecopygroups/${partner}`)).body.targets[0].state === 5, 'secondary side stopped');
      for (const v of volumes) {
        lost[v] = await generation(b, v);
        await write(client, v);
        check((await generation(b, v)) < (await generation(client, v)), `${v} secondary is behind`);
      }
    });

    await step('fail over on the secondary: its group becomes primary (roleReversed), its volumes writable', async () => {
      const onPrimary = await client.post(`/remotecopygroups/${group}`, { action: 7 });
      check(onPrimary.status === 403, `failover on the primary side must be refused, got ${onPrimary.status}`);
      const r = await b.post(`/remotecopygroups/${partner}`, { action: 7 });
      check(r.status === 200, r.text);
      const g = (await b.get(`/remotecopygroups/${partner}`)).body;
      check(g.role === 1 && g.targets[0].roleReversed === true, JSON.stringify(g.targets));
      for (const v of volumes) check((await generation(b, v)) === lost[v], `${v} serves the last replicated data`);
      for (const v of volumes) await write(b, v);
    });

    await step('recovery waits for the link; once back, the old primary takes the secondary site\'s data', async () => {
      const early = await b.post(`/remotecopygroups/${partner}`, { action: 9 });
      check(early.status === 403, `recover without a link must be refused, got ${early.status}`);
      await client.control('POST', '/links', { up: true });
      check((await b.post(`/remotecopygroups/${partner}`, { action: 9 })).status === 200, 'recover');
      check((await client.get(`/remotecopygroups/${group}`)).body.role === 2, 'old primary is now the secondary');
      for (const v of volumes) check((await generation(client, v)) === (await generation(b, v)), `${v} copied back`);
    });

    await step('restore the natural direction: cinder\'s failback gate holds', async () => {
      check((await client.post(`/remotecopygroups/${group}`, { action: 10 })).status === 200, 'restore');
      const g = (await client.get(`/remotecopygroups/${group}`)).body;
      check(g.role === 1, 'primary again');
      check(g.targets.every((t: any) => t.roleReversed === false && t.state === 3), JSON.stringify(g.targets));
      check(g.volumes.every((v: any) => v.remoteVolumes.every((rv: any) => rv.syncStatus === 3)), 'all synced');
      for (const v of volumes) await write(client, v);
      for (const v of volumes) check((await generation(b, v)) === (await generation(client, v)), `${v} mirrored again`);
    });

    await step('tear down: stop, dismiss with the secondaries, delete the group and the volumes', async () => {
      check((await client.put(`/remotecopygroups/${group}`, { action: 4 })).status === 200, 'stop');
      for (const v of volumes) check((await client.delete(`/remotecopygroups/${group}/volumes/${v}?removeSecondaryVolume=true`)).status === 200, `dismiss ${v}`);
      check((await client.delete(`/remotecopygroups/${group}`)).status === 200, 'delete group');
      for (const v of volumes) check((await client.delete(`/volumes/${v}`)).status === 200, v);
      check((await b.get('/volumes')).body.total === 0, 'nothing left on the peer');
      check((await b.get(`/remotecopygroups/${partner}`)).status === 404, 'partner group gone');
    });
  },
};
export default scenario;
