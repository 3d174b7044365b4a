// Member order of the objects the array sends, read off recorded replies (shared/reference/golden): the raw
// 3.2.2.290 capture (3PAR-Powershell, exact wire text) and the 3.3.1 replies (python-storage-clients system-get,
// hpe3par_ruby_sdk cpgs.json). `optional` members appear only when the array has them set.

export interface Shape {
  readonly keys: readonly string[];
  readonly optional: readonly string[];
  readonly source: string;
}

export const SYSTEM_331: Shape = {
  keys: ['id', 'name', 'systemVersion', 'patches', 'IPv4Addr', 'model', 'serialNumber', 'totalNodes', 'masterNode', 'onlineNodes', 'clusterNodes', 'chunkletSizeMiB', 'totalCapacityMiB', 'allocatedCapacityMiB', 'freeCapacityMiB', 'failedCapacityMiB', 'readOnlyParameters', 'location', 'owner', 'contact', 'comment', 'timeZone', 'licenseInfo', 'parameters'],
  optional: ['patches', 'readOnlyParameters', 'location', 'owner', 'contact', 'comment'],
  source: 'golden/python-storage-clients/system-get.json (HPE_3PAR 8200, 3.3.1.410)',
};

export const SYSTEM_322: Shape = {
  keys: ['id', 'name', 'systemVersion', 'IPv4Addr', 'model', 'serialNumber', 'totalNodes', 'masterNode', 'onlineNodes', 'clusterNodes', 'chunkletSizeMiB', 'totalCapacityMiB', 'allocatedCapacityMiB', 'freeCapacityMiB', 'failedCapacityMiB', 'location', 'owner', 'contact', 'comment', 'timeZone', 'licenseInfo', 'parameters'],
  optional: ['location', 'owner', 'contact', 'comment'],
  source: 'golden/3PAR-Powershell/systems.test.xml (HP_3PAR 7450c, 3.2.2.290, raw)',
};

export const LICENSE_INFO: Shape = {
  keys: ['issueTimeSec', 'issueTime8601', 'diskCount', 'WWNBASE', 'licenses', 'licenseState'],
  optional: ['WWNBASE'],
  source: 'golden system replies, 3.2.2 and 3.3.1',
};

export const CPG_322: Shape = {
  keys: ['id', 'uuid', 'name', 'domain', 'numFPVVs', 'numTPVVs', 'numTDVVs', 'UsrUsage', 'SAUsage', 'SDUsage', 'SAGrowth', 'SDGrowth', 'state', 'failedStates', 'degradedStates', 'additionalStates', 'dedupCapable'],
  optional: ['domain'],
  source: 'golden/3PAR-Powershell/cpgs.test.xml (raw)',
};

export const CPG_331: Shape = {
  keys: ['id', 'uuid', 'name', 'domain', 'numFPVVs', 'numTPVVs', 'numTDVVs', 'UsrUsage', 'SAUsage', 'SDUsage', 'privateSpaceMiB', 'sharedSpaceMiB', 'rawSharedSpaceMiB', 'freeSpaceMiB', 'rawFreeSpaceMiB', 'totalSpaceMiB', 'rawTotalSpaceMiB', 'SAGrowth', 'SDGrowth', 'state', 'failedStates', 'degradedStates', 'additionalStates', 'dedupCapable', 'tdvvVersion', 'ddsRsvdMiB'],
  optional: ['domain', 'tdvvVersion', 'ddsRsvdMiB'],
  source: 'golden/hpe3par_ruby_sdk/cpgs.json (3.3.1)',
};

export const CPG_USAGE: Shape = { keys: ['totalMiB', 'rawTotalMiB', 'usedMiB', 'rawUsedMiB'], optional: [], source: 'golden cpgs (both OS levels)' };
export const SD_GROWTH: Shape = { keys: ['warningMiB', 'limitMiB', 'incrementMiB', 'LDLayout'], optional: ['warningMiB', 'limitMiB'], source: 'golden/hpe3par_ruby_sdk/cpgs.json' };
export const SD_LAYOUT: Shape = { keys: ['RAIDType', 'HA', 'setSize', 'chunkletPosPref', 'diskPatterns'], optional: ['HA', 'setSize', 'chunkletPosPref'], source: 'golden/3PAR-Powershell/cpgs.test.xml (raw)' };

export const CAPACITY_TIER: Shape = {
  keys: ['totalMiB', 'allocated', 'freeMiB', 'freeInitializedMiB', 'freeUninitializedMiB', 'unavailableCapacityMiB', 'failedCapacityMiB'],
  optional: [],
  source: 'golden/3PAR-Powershell/capacity.test.xml (raw)',
};

export const CAPACITY_VOLUMES: Shape = {
  keys: ['totalVolumesMiB', 'nonCPGsMiB', 'nonCPGUserMiB', 'nonCPGSnapshotMiB', 'nonCPGAdminMiB', 'CPGsMiB', 'CPGUserMiB', 'CPGUserUsedMiB', 'CPGUserUsedBulkVVMiB', 'CPGUserUnusedMiB', 'CPGSnapshotMiB', 'CPGSnapshotUsedMiB', 'CPGSnapshotUsedBulkVVMiB', 'CPGSnapshotUnusedMiB', 'CPGAdminMiB', 'CPGAdminUsedMiB', 'CPGAdminUsedBulkVVMiB', 'CPGAdminUnusedMiB', 'unmappedMiB', 'capacityEfficiency'],
  optional: ['capacityEfficiency'],
  source: 'golden/3PAR-Powershell/capacity.test.xml (raw)',
};

export const WSAPI_CONFIGURATION: Shape = {
  keys: ['httpState', 'httpPort', 'httpsState', 'httpsPort', 'version', 'sessionsInUse', 'systemResourceUsage', 'sessionTimeout'],
  optional: ['sessionTimeout'],
  source: 'G131 p129-130; hpe3par_ruby_sdk spec/client_spec.rb (WSAPI 1.5.3 adds sessionTimeout)',
};

export const SPACE_REPORT_331: Shape = {
  keys: ['rawFreeMiB', 'usableFreeMiB', 'overProvisionedVirtualSizeMiB', 'overProvisionedUsedMiB', 'overProvisionedAllocatedMiB', 'overProvisionedFreeMiB', 'capacityEfficiency'],
  optional: [],
  source: 'golden/hpe3par_ruby_sdk/cpg_spacereporter.json',
};

/** Problems with an object against a shape: members out of order, unknown, or missing. Empty = conforms. */
export function shapeProblems(obj: Record<string, unknown>, shape: Shape): string[] {
  const problems: string[] = [];
  let last = -1;
  for (const k of Object.keys(obj)) {
    const i = shape.keys.indexOf(k);
    if (i < 0) problems.push(`unexpected member ${k}`);
    else if (i < last) problems.push(`member ${k} out of order`);
    else last = i;
  }
  for (const k of shape.keys) if (!shape.optional.includes(k) && !(k in obj)) problems.push(`missing member ${k}`);
  return problems;
}
