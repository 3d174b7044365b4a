// Request bodies the WSAPI accepts, as data: member → JSON type, required or not. The routes check bodies against
// these before any command runs (unknown member → INV_INPUT with ref, wrong type → INV_INPUT_WRONG_TYPE with ref,
// missing → INV_INPUT_MISSING_REQUIRED with ref); value rules (ranges, enums, names) belong to the model.
// Sources: shared/reference/wsapi/endpoints.md §2 and §4; G131 p18 (null members are ignored).

export type FieldSpec =
  | { readonly type: 'string' | 'integer' | 'boolean'; readonly required?: boolean }
  | { readonly type: 'object'; readonly required?: boolean; readonly fields: Readonly<Record<string, FieldSpec>> }
  | { readonly type: 'array'; readonly required?: boolean; readonly items: FieldSpec };

export type BodySpec = Readonly<Record<string, FieldSpec>>;

const diskPattern: FieldSpec = {
  type: 'object',
  fields: {
    nodeList: { type: 'string' },
    slotList: { type: 'string' },
    portList: { type: 'string' },
    cageList: { type: 'string' },
    magList: { type: 'string' },
    diskPosList: { type: 'string' },
    diskList: { type: 'string' },
    totalChunkletsGreaterThan: { type: 'integer' },
    totalChunkletsLessThan: { type: 'integer' },
    freeChunkletsGreaterThan: { type: 'integer' },
    freeChunkletsLessThan: { type: 'integer' },
    diskModels: { type: 'array', items: { type: 'string' } },
    diskType: { type: 'integer' },
    RPM: { type: 'integer' },
  },
};

export const LD_LAYOUT: FieldSpec = {
  type: 'object',
  fields: {
    RAIDType: { type: 'integer' },
    setSize: { type: 'integer' },
    HA: { type: 'integer' },
    chunkletPosPref: { type: 'integer' },
    diskPatterns: { type: 'array', items: diskPattern },
  },
};

const POLICIES: FieldSpec = {
  type: 'object',
  fields: {
    staleSS: { type: 'boolean' },
    oneHost: { type: 'boolean' },
    zeroDetect: { type: 'boolean' },
    system: { type: 'boolean' },
    caching: { type: 'boolean' },
    fsvc: { type: 'boolean' },
    hostDIF: { type: 'integer' },
  },
};

const DESCRIPTORS: FieldSpec = {
  type: 'object',
  fields: {
    location: { type: 'string' },
    IPAddr: { type: 'string' },
    os: { type: 'string' },
    model: { type: 'string' },
    contact: { type: 'string' },
    comment: { type: 'string' },
  },
};

export const PORT_POS: FieldSpec = {
  type: 'object',
  fields: { node: { type: 'integer', required: true }, slot: { type: 'integer', required: true }, cardPort: { type: 'integer', required: true } },
};

const QOS_SETTINGS = {
  priority: { type: 'integer' },
  bwMinGoalKB: { type: 'integer' },
  bwMaxLimitKB: { type: 'integer' },
  ioMinGoal: { type: 'integer' },
  ioMaxLimit: { type: 'integer' },
  bwMinGoalOP: { type: 'integer' },
  bwMaxLimitOP: { type: 'integer' },
  ioMinGoalOP: { type: 'integer' },
  ioMaxLimitOP: { type: 'integer' },
  enable: { type: 'boolean' },
  latencyGoal: { type: 'integer' },
  latencyGoaluSecs: { type: 'integer' },
  defaultLatency: { type: 'boolean' },
} as const satisfies BodySpec;

export const REQUEST_BODIES = {
  login: {
    user: { type: 'string', required: true },
    password: { type: 'string', required: true },
  },
  createCPG: {
    name: { type: 'string', required: true },
    domain: { type: 'string' },
    growthIncrementMiB: { type: 'integer' },
    growthLimitMiB: { type: 'integer' },
    usedLDWarningAlertMiB: { type: 'integer' },
    LDLayout: LD_LAYOUT,
  },
  modifyCPG: {
    newName: { type: 'string' },
    disableAutoGrow: { type: 'boolean' },
    rmGrowthLimit: { type: 'boolean' },
    rmWarningAlert: { type: 'boolean' },
    growthIncrementMiB: { type: 'integer' },
    growthLimitMiB: { type: 'integer' },
    usedLDWarningAlertMiB: { type: 'integer' },
    LDLayout: LD_LAYOUT,
  },
  getCPGAvailableSpace: {
    cpg: { type: 'string' },
    LDLayout: LD_LAYOUT,
  },
  createVolume: {
    name: { type: 'string', required: true },
    cpg: { type: 'string', required: true },
    sizeMiB: { type: 'integer', required: true },
    id: { type: 'integer' },
    comment: { type: 'string' },
    policies: POLICIES,
    snapCPG: { type: 'string' },
    tpvv: { type: 'boolean' },
    tdvv: { type: 'boolean' },
    reduce: { type: 'boolean' },
    compression: { type: 'boolean' },
    ssSpcAllocWarningPct: { type: 'integer' },
    ssSpcAllocLimitPct: { type: 'integer' },
    usrSpcAllocWarningPct: { type: 'integer' },
    usrSpcAllocLimitPct: { type: 'integer' },
    expirationHours: { type: 'integer' },
    retentionHours: { type: 'integer' },
  },
  modifyVolume: {
    newName: { type: 'string' },
    comment: { type: 'string' },
    snapCPG: { type: 'string' },
    userCPG: { type: 'string' },
    expirationHours: { type: 'integer' },
    retentionHours: { type: 'integer' },
    ssSpcAllocWarningPct: { type: 'integer' },
    ssSpcAllocLimitPct: { type: 'integer' },
    usrSpcAllocWarningPct: { type: 'integer' },
    usrSpcAllocLimitPct: { type: 'integer' },
    rmSsSpcAllocWarning: { type: 'boolean' },
    rmUsrSpcAllocWarning: { type: 'boolean' },
    rmExpTime: { type: 'boolean' },
    rmSsSpcAllocLimit: { type: 'boolean' },
    rmUsrSpcAllocLimit: { type: 'boolean' },
    policies: POLICIES,
  },
  /** PUT /volumes/<name> with "action": members allowed per action (G131 p61-64, p116-117) */
  stopPhysicalCopy: { action: { type: 'integer', required: true } },
  resyncPhysicalCopy: { action: { type: 'integer', required: true }, priority: { type: 'integer' } },
  growVolume: { action: { type: 'integer', required: true }, sizeMiB: { type: 'integer', required: true } },
  promoteVirtualCopy: {
    action: { type: 'integer', required: true },
    online: { type: 'boolean' },
    priority: { type: 'integer' },
    allowRemoteCopyParent: { type: 'boolean' },
  },
  stopPromoteVirtualCopy: { action: { type: 'integer', required: true } },
  tuneVolume: {
    action: { type: 'integer', required: true },
    tuneOperation: { type: 'integer' },
    userCPG: { type: 'string' },
    snapCPG: { type: 'string' },
    conversionOperation: { type: 'integer' },
    keepVV: { type: 'string' },
    compression: { type: 'boolean' },
  },
  createSnapshot: {
    name: { type: 'string', required: true },
    id: { type: 'integer' },
    comment: { type: 'string' },
    readOnly: { type: 'boolean' },
    expirationHours: { type: 'integer' },
    retentionHours: { type: 'integer' },
  },
  createPhysicalCopy: {
    destVolume: { type: 'string', required: true },
    destCPG: { type: 'string' },
    online: { type: 'boolean' },
    tpvv: { type: 'boolean' },
    tdvv: { type: 'boolean' },
    reduce: { type: 'boolean' },
    compression: { type: 'boolean' },
    snapCPG: { type: 'string' },
    saveSnapshot: { type: 'boolean' },
    priority: { type: 'integer' },
  },
  createVolumeSet: {
    name: { type: 'string', required: true },
    domain: { type: 'string' },
    comment: { type: 'string' },
    setmembers: { type: 'array', items: { type: 'string' } },
  },
  modifyVolumeSet: {
    action: { type: 'integer' },
    setmembers: { type: 'array', items: { type: 'string' } },
    newName: { type: 'string' },
    comment: { type: 'string' },
    flashCachePolicy: { type: 'integer' },
    priority: { type: 'integer' },
  },
  createSnapshotOfVolumeSet: {
    name: { type: 'string', required: true },
    id: { type: 'integer' },
    comment: { type: 'string' },
    readOnly: { type: 'boolean' },
    expirationHours: { type: 'integer' },
    retentionHours: { type: 'integer' },
    addToSet: { type: 'string' },
  },
  createPhysicalCopyOfVolumeSet: {
    destVolume: { type: 'string', required: true },
    saveSnapshot: { type: 'boolean' },
    priority: { type: 'integer' },
  },
  setVolumeMetaData: {
    key: { type: 'string', required: true },
    value: { type: 'string', required: true },
  },
  modifyVolumeMetaData: {
    value: { type: 'string', required: true },
  },
  cancelTask: {
    action: { type: 'integer', required: true },
  },
  createHost: {
    name: { type: 'string', required: true },
    domain: { type: 'string' },
    FCWWNs: { type: 'array', items: { type: 'string' } },
    iSCSINames: { type: 'array', items: { type: 'string' } },
    persona: { type: 'integer' },
    forceTearDown: { type: 'boolean' },
    descriptors: DESCRIPTORS,
    port: { type: 'array', items: { type: 'string' } },
  },
  modifyHost: {
    newName: { type: 'string' },
    pathOperation: { type: 'integer' },
    FCWWNs: { type: 'array', items: { type: 'string' } },
    iSCSINames: { type: 'array', items: { type: 'string' } },
    forcePathRemoval: { type: 'boolean' },
    persona: { type: 'integer' },
    descriptors: DESCRIPTORS,
    chapOperation: { type: 'integer' },
    chapOperationMode: { type: 'integer' },
    chapName: { type: 'string' },
    chapSecret: { type: 'string' },
    chapSecretHex: { type: 'boolean' },
    chapRemoveTargetOnly: { type: 'boolean' },
  },
  createHostSet: {
    name: { type: 'string', required: true },
    domain: { type: 'string' },
    comment: { type: 'string' },
    setmembers: { type: 'array', items: { type: 'string' } },
  },
  modifyHostSet: {
    action: { type: 'integer' },
    setmembers: { type: 'array', items: { type: 'string' } },
    newName: { type: 'string' },
    comment: { type: 'string' },
  },
  createQoSRules: { name: { type: 'string', required: true }, type: { type: 'integer', required: true }, ...QOS_SETTINGS },
  modifyQoSRules: QOS_SETTINGS,
  createFlashCache: {
    flashCache: {
      type: 'object',
      required: true,
      fields: {
        sizeGiB: { type: 'integer', required: true },
        mode: { type: 'integer' },
        RAIDType: { type: 'integer' },
        noCheckSCMSize: { type: 'boolean' },
      },
    },
  },
  createRemoteCopyGroup: {
    name: { type: 'string', required: true },
    targets: {
      type: 'array',
      required: true,
      items: { type: 'object', fields: { targetName: { type: 'string', required: true }, mode: { type: 'integer', required: true }, userCPG: { type: 'string' }, snapCPG: { type: 'string' } } },
    },
    localUserCPG: { type: 'string' },
    localSnapCPG: { type: 'string' },
    domain: { type: 'string' },
  },
  modifyRemoteCopyGroup: {
    localUserCPG: { type: 'string' },
    localSnapCPG: { type: 'string' },
    unsetUserCPG: { type: 'boolean' },
    unsetSnapCPG: { type: 'boolean' },
    targets: {
      type: 'array',
      items: {
        type: 'object',
        fields: {
          targetName: { type: 'string' },
          remoteUserCPG: { type: 'string' },
          remoteSnapCPG: { type: 'string' },
          syncPeriod: { type: 'integer' },
          rmSyncPeriod: { type: 'boolean' },
          mode: { type: 'integer' },
          snapFrequency: { type: 'integer' },
          rmSnapFrequency: { type: 'boolean' },
          policies: {
            type: 'object',
            fields: {
              autoRecover: { type: 'boolean' },
              overPeriodAlert: { type: 'boolean' },
              autoFailover: { type: 'boolean' },
              pathManagement: { type: 'boolean' },
              multiTargetPeerPersistence: { type: 'boolean' },
            },
          },
        },
      },
    },
  },
  admitRemoteCopyVolume: {
    action: { type: 'integer' },
    volumeName: { type: 'string', required: true },
    targets: {
      type: 'array',
      required: true,
      items: { type: 'object', fields: { targetName: { type: 'string', required: true }, secVolumeName: { type: 'string', required: true } } },
    },
    snapshotName: { type: 'string' },
    volumeAutoCreation: { type: 'boolean' },
    skipInitialSync: { type: 'boolean' },
    differentSecondaryWWN: { type: 'boolean' },
  },
  dismissRemoteCopyVolume: {
    action: { type: 'integer', required: true },
    volumeName: { type: 'string', required: true },
    keepSnap: { type: 'boolean' },
    removeSecondaryVolume: { type: 'boolean' },
  },
  startRemoteCopy: {
    action: { type: 'integer', required: true },
    skipInitialSync: { type: 'boolean' },
    targetName: { type: 'string' },
    startingSnapshots: { type: 'array', items: { type: 'object', fields: { volumeName: { type: 'string' }, snapshotName: { type: 'string' } } } },
  },
  stopRemoteCopy: { action: { type: 'integer', required: true }, noSnapshot: { type: 'boolean' }, targetName: { type: 'string' } },
  synchronizeRemoteCopyGroup: {
    action: { type: 'integer', required: true },
    noResyncSnapshot: { type: 'boolean' },
    targetName: { type: 'string' },
    fullSync: { type: 'boolean' },
  },
  recoverRemoteCopyGroupFromDisaster: {
    action: { type: 'integer', required: true },
    targetName: { type: 'string' },
    skipStart: { type: 'boolean' },
    skipSync: { type: 'boolean' },
    discardNewData: { type: 'boolean' },
    skipPromote: { type: 'boolean' },
    noSnapshot: { type: 'boolean' },
    stopGroups: { type: 'boolean' },
    localGroupsDirection: { type: 'boolean' },
  },
  toggleRemoteCopyConfigMirror: {
    policies: { type: 'object', required: true, fields: { mirrorConfig: { type: 'boolean' } } },
    name: { type: 'string' },
  },
  createVLUN: {
    volumeName: { type: 'string', required: true },
    lun: { type: 'integer' },
    hostname: { type: 'string' },
    portPos: PORT_POS,
    noVcn: { type: 'boolean' },
    overrideLowerPriority: { type: 'boolean' },
    autoLun: { type: 'boolean' },
    maxAutoLun: { type: 'integer' },
  },
} as const satisfies Readonly<Record<string, BodySpec>>;
