import { allocatedMiB, systemMiB, tierCapacities, volumesMiB, type TierCapacity } from '../model/capacity.ts';
import { liveSessionCount } from '../model/session.ts';
import { iso8601Local } from '../model/time.ts';
import type { ArrayProfile } from '../model/state.ts';
import { wireFloat } from '../http/json.ts';
import { arrayState, nowMs, reply, type Handler } from './context.ts';

/** "3.3.1.215" ≥ "3.3.1"? Field sets differ by OS level, so rendering asks. */
export function osAtLeast(profile: ArrayProfile, version: string): boolean {
  const have = profile.systemVersion.split('.').map(Number);
  const want = version.split('.').map(Number);
  for (let i = 0; i < want.length; i++) {
    const h = have[i] ?? 0;
    const w = want[i]!;
    if (h !== w) return h > w;
  }
  return true;
}

function renderCapacityTier(t: TierCapacity) {
  const cpgs = volumesMiB(t);
  const volumes: Record<string, unknown> = {
    totalVolumesMiB: cpgs,
    nonCPGsMiB: 0,
    nonCPGUserMiB: 0,
    nonCPGSnapshotMiB: 0,
    nonCPGAdminMiB: 0,
    CPGsMiB: cpgs,
    CPGUserMiB: t.cpgUser,
    CPGUserUsedMiB: t.cpgUserUsed,
    CPGUserUsedBulkVVMiB: 0,
    CPGUserUnusedMiB: t.cpgUser - t.cpgUserUsed,
    CPGSnapshotMiB: t.cpgSnapshot,
    CPGSnapshotUsedMiB: t.cpgSnapshotUsed,
    CPGSnapshotUsedBulkVVMiB: 0,
    CPGSnapshotUnusedMiB: t.cpgSnapshot - t.cpgSnapshotUsed,
    CPGAdminMiB: t.cpgAdmin,
    CPGAdminUsedMiB: t.cpgAdminUsed,
    CPGAdminUsedBulkVVMiB: 0,
    CPGAdminUnusedMiB: t.cpgAdmin - t.cpgAdminUsed,
    unmappedMiB: 0,
  };
  // Tiers holding no volume space carry no efficiency figures (recorded all-SSD array: FC/NL blocks).
  if (t.hasVolumes) {
    const used = t.cpgUserUsed + t.cpgSnapshotUsed;
    volumes.capacityEfficiency = { compaction: wireFloat(used > 0 ? cpgs / used : 0, 1), deduplication: wireFloat(0, 1) };
  }
  return {
    totalMiB: t.totalMiB,
    allocated: {
      totalAllocatedMiB: allocatedMiB(t),
      volumes,
      system: {
        totalSystemMiB: systemMiB(t),
        internalMiB: t.internalMiB,
        spareMiB: t.spareMiB,
        spareUsedMiB: t.spareUsedMiB,
        spareUnusedMiB: t.spareMiB - t.spareUsedMiB,
      },
    },
    freeMiB: t.freeMiB,
    freeInitializedMiB: t.freeMiB,
    freeUninitializedMiB: 0,
    unavailableCapacityMiB: 0,
    failedCapacityMiB: t.failedMiB,
  };
}

export const systemHandlers: Record<string, Handler> = {
  getWsApiVersion(c, s) {
    const w = arrayState(s).profile.wsapi;
    return reply(c, 200, { major: w.major, minor: w.minor, revision: w.revision, build: w.build });
  },

  getStorageSystemInfo(c, s) {
    const array = arrayState(s);
    const p = array.profile;
    const tiers = Object.values(tierCapacities(array));
    const sum = (f: (t: TierCapacity) => number) => tiers.reduce((n, t) => n + f(t), 0);
    const nodes = Array.from({ length: p.nodes }, (_, i) => i);
    const online = nodes.filter((n) => !array.failedNodes.includes(n));
    const lic = p.licenseInfo;
    const body: Record<string, unknown> = {
      id: p.systemId,
      name: p.name,
      systemVersion: p.systemVersion,
      ...(p.patches !== undefined ? { patches: p.patches } : {}),
      IPv4Addr: p.IPv4Addr,
      model: p.model,
      serialNumber: p.serialNumber,
      totalNodes: p.nodes,
      masterNode: p.masterNode,
      onlineNodes: online,
      clusterNodes: nodes,
      chunkletSizeMiB: p.chunkletSizeMiB,
      totalCapacityMiB: wireFloat(sum((t) => t.totalMiB)),
      allocatedCapacityMiB: wireFloat(sum(allocatedMiB)),
      freeCapacityMiB: wireFloat(sum((t) => t.freeMiB)),
      failedCapacityMiB: wireFloat(sum((t) => t.failedMiB)),
      ...(p.readOnlyParameters !== undefined ? { readOnlyParameters: p.readOnlyParameters } : {}),
      ...(p.location !== undefined ? { location: p.location } : {}),
      ...(p.owner !== undefined ? { owner: p.owner } : {}),
      ...(p.contact !== undefined ? { contact: p.contact } : {}),
      ...(p.comment !== undefined ? { comment: p.comment } : {}),
      timeZone: p.timeZone,
      licenseInfo: {
        issueTimeSec: lic.issueTimeSec,
        issueTime8601: iso8601Local(lic.issueTimeSec, p.timeZone),
        diskCount: lic.diskCount,
        ...(lic.WWNBASE !== undefined ? { WWNBASE: lic.WWNBASE } : {}),
        licenses: lic.licenses.map((l) =>
          l.expiryTimeSec === undefined
            ? { name: l.name }
            : { name: l.name, expiryTimeSec: l.expiryTimeSec, expiryTime8601: iso8601Local(l.expiryTimeSec, p.timeZone) },
        ),
        licenseState: lic.licenseState,
      },
      parameters: p.parameters,
    };
    return reply(c, 200, body);
  },

  getWSAPIConfigurationInfo(c, s) {
    const array = arrayState(s);
    const w = array.profile.wsapi;
    return reply(c, 200, {
      httpState: w.httpState,
      httpPort: w.httpPort,
      httpsState: w.httpsState,
      httpsPort: w.httpsPort,
      version: w.version,
      sessionsInUse: liveSessionCount(array, nowMs(s)),
      // "the theoretical maximum of sessions" (G131 p129-130)
      systemResourceUsage: w.maxSessions,
      // WSAPI 1.5 replies carry the idle timeout in minutes (hpe3par_ruby_sdk client_spec, WSAPI 1.5.3)
      ...(w.major > 1 || w.minor >= 5 ? { sessionTimeout: w.sessionTimeoutMinutes } : {}),
    });
  },

  getOverallSystemCapacity(c, s) {
    const t = tierCapacities(arrayState(s));
    const all: TierCapacity = { ...t.FC };
    for (const k of Object.keys(all) as (keyof TierCapacity)[]) {
      if (k === 'hasVolumes') all.hasVolumes = t.FC.hasVolumes || t.NL.hasVolumes || t.SSD.hasVolumes;
      else all[k] = t.FC[k] + t.NL[k] + t.SSD[k];
    }
    return reply(c, 200, {
      allCapacity: renderCapacityTier(all),
      FCCapacity: renderCapacityTier(t.FC),
      NLCapacity: renderCapacityTier(t.NL),
      SSDCapacity: renderCapacityTier(t.SSD),
    });
  },
};
