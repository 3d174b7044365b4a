/**
 * A disaster-recovery drill over two arrays, spoken to only through the WSAPI: protect a volume, replicate,
 * fail over to the secondary (as cinder's failover_host does: stop, then FAILOVER on the `.r<id>` group), recover,
 * restore, and check the failback gate cinder applies. It needs nothing a real pair lacks (no link cutting), so
 * WSAPI_URL + WSAPI_PEER_URL point it at real arrays.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RC_RECOVERY_ACTION, RC_SYNC_STATUS, RC_TARGET_STATE } from '../enums.ts';
import { openPair, uniqueName, WsapiClient, type PairTarget } from '../harness.ts';

let pair: PairTarget;
let a: WsapiClient;
let b: WsapiClient;
// Group names stay short: the partner appends `.r<system id>` (cinder keeps 22 characters).
const group = uniqueName('ctr').slice(0, 12);
const volume = uniqueName('ctr');
let partnerGroup: string;

beforeAll(async () => {
  pair = await openPair();
  a = new WsapiClient(pair.primary);
  b = new WsapiClient(pair.secondary);
  await a.login();
  await b.login();
  const system = (await a.call('GET', '/system')).body;
  partnerGroup = `${group}.r${system.id}`;
});

afterAll(async () => {
  // Best effort, whichever state a failed check left behind.
  for (const [c, g] of [[a, group], [b, partnerGroup]] as const) {
    await c.call('PUT', `/remotecopygroups/${g}`, { action: 4 });
  }
  await a.call('DELETE', `/remotecopygroups/${group}/volumes/${volume}?removeSecondaryVolume=true`);
  await a.call('DELETE', `/remotecopygroups/${group}`);
  await a.call('DELETE', `/volumes/${volume}`);
  await b.call('DELETE', `/volumes/${volume}`);
  await a.logout();
  await b.logout();
  await pair.close();
});

async function targetsOf(c: WsapiClient, g: string) {
  const r = await c.call('GET', `/remotecopygroups/${g}`);
  expect(r.status).toBe(200);
  return r.body;
}

describe('contract: remote-copy DR drill', () => {
  it('protects a volume: group 201, partner group Secondary on the peer, admit with auto-created secondary, start', async () => {
    expect((await a.call('POST', '/volumes', { name: volume, cpg: pair.cpg, snapCPG: pair.cpg, sizeMiB: 1024, tpvv: true })).status).toBe(201);
    const created = await a.call('POST', '/remotecopygroups', { name: group, targets: [{ targetName: pair.rcTarget, mode: 1, userCPG: pair.cpg, snapCPG: pair.cpg }], localUserCPG: pair.cpg, localSnapCPG: pair.cpg });
    expect(created.status).toBe(201);
    const g = await targetsOf(a, group);
    expect([g.role, g.remoteGroupName]).toEqual([1, partnerGroup]);
    expect((await targetsOf(b, partnerGroup)).role).toBe(2);
    const admit = await a.call('PUT', `/remotecopygroups/${group}`, { action: 1, volumeName: volume, targets: [{ targetName: pair.rcTarget, secVolumeName: volume }], volumeAutoCreation: true });
    expect(admit.status).toBe(200);
    expect((await b.call('GET', `/volumes/${volume}`)).status).toBe(200);
    expect((await a.call('PUT', `/remotecopygroups/${group}`, { action: 3 })).status).toBe(200);
    const started = await targetsOf(a, group);
    expect(started.targets.map((t: { state: number }) => t.state)).toEqual([RC_TARGET_STATE.STARTED]);
    expect(started.volumes[0].remoteVolumes[0].syncStatus).toBe(RC_SYNC_STATUS.SYNCED);
  });

  it('refuses a failover on the primary side and on a started group', async () => {
    const onPrimary = await a.call('POST', `/remotecopygroups/${group}`, { action: RC_RECOVERY_ACTION.FAILOVER });
    expect(onPrimary.status).toBe(403);
    const started = await b.call('POST', `/remotecopygroups/${partnerGroup}`, { action: RC_RECOVERY_ACTION.FAILOVER });
    expect(started.status).toBe(403);
  });

  it('fails over: stop on the primary, FAILOVER on the secondary makes it primary with roleReversed', async () => {
    expect((await a.call('PUT', `/remotecopygroups/${group}`, { action: 4 })).status).toBe(200);
    expect((await b.call('POST', `/remotecopygroups/${partnerGroup}`, { action: RC_RECOVERY_ACTION.FAILOVER })).status).toBe(200);
    const g = await targetsOf(b, partnerGroup);
    expect(g.role).toBe(1);
    expect(g.targets.every((t: { roleReversed: boolean }) => t.roleReversed)).toBe(true);
    // The secondary volume now serves hosts: it can be exported like any other.
    const sec = (await b.call('GET', `/volumes/${volume}`)).body;
    expect(sec.readOnly).toBe(false);
  });

  it('recovers (the old primary becomes the reversed secondary) and restores the natural direction', async () => {
    expect((await b.call('POST', `/remotecopygroups/${partnerGroup}`, { action: RC_RECOVERY_ACTION.RECOVER })).status).toBe(200);
    const old = await targetsOf(a, group);
    expect(old.role).toBe(2);
    expect((await a.call('POST', `/remotecopygroups/${group}`, { action: RC_RECOVERY_ACTION.RESTORE })).status).toBe(200);
    // cinder's failback gate: natural direction, started, every volume synced.
    const g = await targetsOf(a, group);
    expect(g.role).toBe(1);
    for (const t of g.targets) expect([t.roleReversed, t.state]).toEqual([false, RC_TARGET_STATE.STARTED]);
    for (const v of g.volumes) for (const rv of v.remoteVolumes) expect(rv.syncStatus).toBe(RC_SYNC_STATUS.SYNCED);
    expect((await targetsOf(b, partnerGroup)).role).toBe(2);
  });

  it('tears down: a started group cannot go (403 code 215); stopped, dismissed with its secondary, it does', async () => {
    const blocked = await a.call('DELETE', `/remotecopygroups/${group}`);
    expect([blocked.status, blocked.body.code]).toEqual([403, 215]);
    expect((await a.call('PUT', `/remotecopygroups/${group}`, { action: 4 })).status).toBe(200);
    expect((await a.call('DELETE', `/remotecopygroups/${group}/volumes/${volume}?removeSecondaryVolume=true`)).status).toBe(200);
    expect((await b.call('GET', `/volumes/${volume}`)).status).toBe(404);
    expect((await a.call('DELETE', `/remotecopygroups/${group}`)).status).toBe(200);
    const gone = await b.call('GET', `/remotecopygroups/${partnerGroup}`);
    expect([gone.status, gone.body.code]).toEqual([404, 187]);
  });
});
