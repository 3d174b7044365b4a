/**
 * The fabric: every emulated array (and, later, the replication links between them) in one immutable value.
 * Commands receive an immer draft of it; readers get the frozen current value.
 */

export type DiskTypeName = 'FC' | 'NL' | 'SSD';
export type Role = 'super' | 'edit' | 'browse';

/** A group of identical drives. Sizes are chunklet-aligned MiB. */
export interface DiskGroup {
  readonly type: DiskTypeName;
  readonly count: number;
  readonly sizeMiB: number;
  /** raw MiB the sparing algorithm keeps aside on these drives */
  readonly spareMiB: number;
  /** raw MiB used by the system's own logical disks (admin, logging, preserved data) on these drives */
  readonly internalMiB: number;
  readonly failedMiB?: number;
}

export interface UserAccount {
  readonly name: string;
  readonly password: string;
  readonly role: Role;
}

export interface License {
  readonly name: string;
  readonly expiryTimeSec?: number;
}

export interface WsapiProfile {
  readonly major: number;
  readonly minor: number;
  readonly revision: number;
  readonly build: number;
  /** `version` string of /wsapiconfiguration */
  readonly version: string;
  readonly httpState: 'Enabled' | 'Disabled';
  readonly httpPort: number;
  readonly httpsState: 'Enabled' | 'Disabled';
  readonly httpsPort: number;
  /** serve HTTPS unless the command line says otherwise (real arrays serve HTTPS on 8080) */
  readonly tls?: boolean;
  /** idle time after which a session key stops working */
  readonly sessionTimeoutMinutes: number;
  /** live session keys the array accepts at once (G131 table 9: 36 on a 2-node 7000-class array) */
  readonly maxSessions: number;
}

/**
 * A port as the fixture describes it, in the WSAPI's own numbers (contracts/enums.ts): type 1 HOST, 2 DISK, 7 RCIP…;
 * protocol 1 FC, 2 iSCSI, 4 IP, 5 SAS; mode 2 TARGET, 3 INITIATOR, 4 PEER; linkState 4 READY, 5 LOSS_SYNC…
 * WWNs and iSCSI names are derived from the system id unless given.
 */
export interface PortFixture {
  readonly portPos: string;
  readonly type: number;
  readonly protocol: number;
  readonly mode: number;
  readonly linkState: number;
  readonly label?: string;
  readonly partnerPos?: string;
  readonly IPAddr?: string;
  readonly HWAddr?: string;
  readonly portWWN?: string;
  readonly nodeWWN?: string;
  readonly iSCSIName?: string;
}

/** Everything about an array that does not change while it runs: what the fixture describes. */
export interface ArrayProfile {
  readonly name: string;
  readonly systemId: number;
  readonly serialNumber: string;
  readonly model: string;
  readonly systemVersion: string;
  readonly patches?: string;
  readonly IPv4Addr: string;
  readonly location?: string;
  readonly owner?: string;
  readonly contact?: string;
  readonly comment?: string;
  readonly timeZone: string;
  readonly nodes: number;
  readonly masterNode: number;
  readonly cages: number;
  readonly chunkletSizeMiB: number;
  readonly disks: readonly DiskGroup[];
  readonly ports?: readonly PortFixture[];
  readonly wsapi: WsapiProfile;
  /** CLI sessions over SSH the array accepts at once; unset: no cap (the real limit is not in any source found) */
  readonly sshMaxSessions?: number;
  readonly licenseInfo: {
    readonly issueTimeSec: number;
    readonly diskCount: number;
    readonly WWNBASE?: number;
    readonly licenses: readonly License[];
    readonly licenseState: Readonly<Record<string, boolean>>;
  };
  readonly readOnlyParameters?: Readonly<Record<string, number>>;
  readonly parameters: Readonly<Record<string, boolean | number | string>>;
}

export interface Session {
  readonly key: string;
  readonly user: string;
  readonly role: Role;
  readonly clientAddress: string;
  readonly createdMs: number;
  lastUsedMs: number;
}

export interface DiskPattern {
  diskType?: number;
  nodeList?: string;
  slotList?: string;
  portList?: string;
  cageList?: string;
  magList?: string;
  diskPosList?: string;
  diskList?: string;
  totalChunkletsGreaterThan?: number;
  totalChunkletsLessThan?: number;
  freeChunkletsGreaterThan?: number;
  freeChunkletsLessThan?: number;
  diskModels?: string[];
  RPM?: number;
}

export interface LDLayout {
  RAIDType: number;
  setSize: number;
  HA: number;
  chunkletPosPref: number;
  diskPatterns: DiskPattern[];
}

export interface Cpg {
  readonly id: number;
  readonly uuid: string;
  name: string;
  domain?: string;
  readonly createdMs: number;
  /** user-data and snapshot-data logical disks grow together with this step */
  sdGrowth: { incrementMiB: number; limitMiB?: number; warningMiB?: number };
  saGrowth: { incrementMiB: number };
  /** the layout the LDs are built with (given members, array defaults for the rest) */
  layout: LDLayout;
  /** the members the creator gave: the array reports only those back */
  layoutGiven: Partial<LDLayout>;
  readonly saLayout: LDLayout;
  /** logical MiB of LD space the CPG owns: data (user + snapshot data) and snapshot admin */
  ld: { dataMiB: number; adminMiB: number };
  /** logical MiB the CPG's volumes hold in it (kept equal to the sum over volumes by the volume commands) */
  usage: { userMiB: number; snapDataMiB: number; snapAdminMiB: number };
  /** base volumes whose user space lives here, by provisioning type */
  counts: { fpvv: number; tpvv: number; tdvv: number };
  /** volumes (any role) that name this CPG as userCPG or snapCPG */
  references: number;
}

/** Volume policies as the WSAPI names them. */
export interface VolumePolicies {
  staleSS: boolean;
  oneHost: boolean;
  zeroDetect: boolean;
  system: boolean;
  caching: boolean;
  fsvc: boolean;
  hostDIF: number;
}

/** Logical MiB a volume holds: user data, snapshot data (copy-on-write for its snapshots), snapshot admin. */
export interface VolumeSpace {
  userReserved: number;
  userUsed: number;
  snapReserved: number;
  snapUsed: number;
  adminReserved: number;
  adminUsed: number;
}

export interface KeyValue {
  readonly key: string;
  value: string;
  readonly createdMs: number;
}

/** A virtual volume: base volume, snapshot (virtual copy) or physical-copy destination. */
export interface Volume {
  readonly id: number;
  name: string;
  readonly uuid: string;
  readonly wwn: string;
  /** 1 FULL, 2 TPVV, 3 SNP, 6 TDVV */
  provisioningType: number;
  /** 1 BASE, 2 PHYSICAL_COPY, 3 VIRTUAL_COPY */
  copyType: number;
  /** root of the snapshot tree this volume belongs to */
  readonly baseId: number;
  /** snapshots: the volume it was taken from */
  readonly parentId?: number;
  /** physical copies: the volume copied from */
  physParentId?: number;
  /** id of the volume named by copyOf (snapshot parent, or the snapshot a physical copy reads) */
  copyOfId?: number;
  readOnly: boolean;
  sizeMiB: number;
  userCPG?: string;
  snapCPG?: string;
  domain?: string;
  comment?: string;
  compression: boolean;
  policies: VolumePolicies;
  ssSpcAllocWarningPct: number;
  ssSpcAllocLimitPct: number;
  usrSpcAllocWarningPct: number;
  usrSpcAllocLimitPct: number;
  readonly createdMs: number;
  expirationMs?: number;
  retentionMs?: number;
  space: VolumeSpace;
  /** MiB a host has written (thin volumes allocate as it grows) */
  writtenMiB: number;
  /** base volumes: MiB copied on write into snapshot space since snapshots exist in its family */
  cowMiB: number;
  /** ids of snapshots taken directly from this volume, oldest first */
  childIds: number[];
  /** volume sets holding this volume */
  sets: string[];
  /** VLUN templates exporting this volume (maintained by the export commands) */
  exports: number;
  /** an active task that keeps the volume busy (copy, promote, tune) */
  busyTaskId?: number;
  /** DetailedState values of a failure (e.g. 9 COPY_FAILED after a failed copy) */
  failedStates?: number[];
  /** data generation: every host write makes a new one; replication copies generations */
  generation?: number;
  /** the remote-copy group holding this volume, if any */
  rcGroup?: string;
  metadata: Record<string, KeyValue>;
}

export interface VolumeSet {
  readonly id: number;
  name: string;
  readonly uuid: string;
  domain?: string;
  comment?: string;
  members: string[];
  flashCachePolicy?: number;
  qosEnabled: boolean;
}

export type TaskEffect =
  | { kind: 'physicalCopy'; source: string; destination: string; online: boolean; tempSnapshots: string[]; saveSnapshot: boolean }
  | { kind: 'promote'; snapshot: string; base: string }
  | { kind: 'resync'; destination: string }
  | { kind: 'hold'; volume: string }
  | { kind: 'tune'; volume: string; userCPG?: string; snapCPG?: string; provisioningType?: number; compression?: boolean; keepVV?: string };

export interface Task {
  readonly id: number;
  /** task type enum: 1 VV_COPY, 2 PHYS_COPY_RESYNC, 4 PROMOTE_SV, 18 ONLINE_COPY … */
  readonly type: number;
  readonly name: string;
  status: number;
  readonly priority?: number;
  readonly user: string;
  readonly startMs: number;
  finishMs?: number;
  /** virtual time the work needs; completes when the clock passes startMs + durationMs */
  readonly durationMs: number;
  readonly totalSteps: number;
  /** make the task end FAILED instead of DONE (control API) */
  failAtEnd?: boolean;
  /** poll mode: the task ends after this many more reads of it, whatever the clock says */
  pollsLeft?: number;
  /** injected failure: the task fails at this virtual time (a given step) instead of finishing */
  failAtMs?: number;
  readonly effect: TaskEffect;
}

export interface HostDescriptors {
  location?: string;
  IPAddr?: string;
  os?: string;
  model?: string;
  contact?: string;
  comment?: string;
}

export interface Chap {
  name: string;
  secret: string;
  hex: boolean;
}

export interface Host {
  readonly id: number;
  name: string;
  domain?: string;
  persona: number;
  descriptors?: HostDescriptors;
  /** FC initiator WWNs, 16 upper-case hex digits, in the order they were added */
  fcWwns: string[];
  iscsiNames: string[];
  initiatorChap?: Chap;
  targetChap?: Chap;
  /** host sets holding this host */
  sets: string[];
}

export interface HostSet {
  readonly id: number;
  name: string;
  readonly uuid: string;
  domain?: string;
  comment?: string;
  members: string[];
}

/**
 * A VLUN template: the export rule POST /vluns creates. Active VLUNs are not stored; they are one per logged-in
 * initiator path the template reaches, derived when listed.
 */
export interface VlunTemplate {
  /** `vol,lun,host,nsp` with empty parts for what is absent (the same text clients use in URLs) */
  readonly key: string;
  /** volume name, or `set:<volume set>` */
  volumeName: string;
  readonly lun: number;
  /** host name, or `set:<host set>`; absent for port-presents exports */
  hostname?: string;
  /** "n:s:p" for port-presents and matched-set exports */
  readonly portPos?: string;
  /** 2 PORT, 3 HOST, 4 MATCHED_SET, 5 HOST_SET */
  readonly type: number;
  readonly createdMs: number;
}

/** An initiator logged in on an array port (control API), which is what makes VLUNs active. */
export interface Login {
  readonly portPos: string;
  /** iSCSI initiators: the address the session comes from */
  readonly ipAddr?: string;
}

export interface QosRule {
  readonly id: number;
  /** 1 VVSET, 2 SYS */
  readonly type: number;
  name: string;
  domain?: string;
  enabled: boolean;
  priority: number;
  bwMinGoalKB?: number;
  bwMaxLimitKB?: number;
  ioMinGoal?: number;
  ioMaxLimit?: number;
  /** microseconds; shown also as latencyGoal in ms */
  latencyGoaluSecs?: number;
  defaultLatency?: boolean;
}

export interface FlashCache {
  sizeGiB: number;
  mode: number;
  RAIDType: number;
  readonly createdMs: number;
}

/** A remote-copy target: how this array knows a partner array (configured by an admin; from the fixture). */
export interface RcTarget {
  readonly id: number;
  readonly name: string;
  /** fabric key of the partner array */
  readonly peer: string;
  /** 1 IP, 2 FC */
  readonly type: number;
  policies: { mirrorConfig: boolean };
  /** links an admin admitted over the CLI; unset: one per local RCIP port, paired with the partner's by position */
  links?: { portPos: string; address: string }[];
}

export interface RcRemoteVolume {
  targetName: string;
  remoteVolumeName: string;
  remoteVolumeID: number;
  syncStatus: number;
  /** data generation of the local volume last copied to the partner */
  syncedGeneration: number;
  lastSyncMs?: number;
}

export interface RcGroupVolume {
  localVolumeName: string;
  remoteVolumes: RcRemoteVolume[];
}

export interface RcGroupTarget {
  targetName: string;
  mode: number;
  state: number;
  roleReversed: boolean;
  syncPeriod?: number;
  snapFrequency?: number;
  policies: { autoRecover: boolean; overPeriodAlert: boolean; autoFailover: boolean; pathManagement: boolean };
  remoteUserCPG?: string;
  remoteSnapCPG?: string;
  lastSyncMs?: number;
  /** stopped by a link failure and set to restart when the link returns (autoRecover) */
  restartOnLink?: boolean;
}

export interface RcGroup {
  readonly id: number;
  name: string;
  /** 1 PRIMARY, 2 SECONDARY, 3 PRIMARY_REV, 4 SECONDARY_REV (contracts/enums.ts) */
  role: number;
  domain?: string;
  localUserCPG?: string;
  localSnapCPG?: string;
  /** the partner group's name on the target array */
  remoteGroupName: string;
  targets: RcGroupTarget[];
  volumes: RcGroupVolume[];
  readonly createdMs: number;
}

export interface Domain {
  readonly id: number;
  readonly name: string;
  comment?: string;
  /** set for domains created at run time (`createdomain`); fixture domains predate the emulator */
  readonly createdMs?: number;
}

export interface ArrayState {
  /** the fabric's name for this array (fixture key), not the system name */
  readonly key: string;
  readonly profile: ArrayProfile;
  users: Record<string, UserAccount>;
  sessions: Record<string, Session>;
  domains: Record<string, Domain>;
  cpgs: Record<string, Cpg>;
  /** cpg id → name, so picking the lowest free id and checking uniqueness never scans */
  cpgIds: Record<number, string>;
  volumes: Record<string, Volume>;
  /** volume id → name (ids are shared by base volumes and snapshots) */
  volumeIds: Record<number, string>;
  /** volume WWN → name, for wwn queries */
  volumeWwns: Record<string, string>;
  volumeSets: Record<string, VolumeSet>;
  volumeSetIds: Record<number, string>;
  tasks: Record<number, Task>;
  /** task ids increase; never reused */
  lastTaskId: number;
  /** how long copy/promote tasks take on the virtual clock (control API) */
  taskDurationMs: number;
  /** when > 0, new tasks end after this many reads (GET /tasks…) instead of on the clock */
  taskPolls: number;
  /** earliest virtual time at which something is due (a task ends, a volume expires); nothing to do before it */
  dueMs: number;
  hosts: Record<string, Host>;
  hostIds: Record<number, string>;
  /** initiator (FC WWN upper-case, iSCSI name lower-case) → owning host */
  hostPaths: Record<string, string>;
  hostSets: Record<string, HostSet>;
  hostSetIds: Record<number, string>;
  vluns: Record<string, VlunTemplate>;
  /** initiator → the ports it is logged in on */
  logins: Record<string, Login[]>;
  /** QoS rules by target, `vvset:<name>` or `sys:all_others` */
  qosRules: Record<string, QosRule>;
  flashCache?: FlashCache;
  /** injected failures (control API): nodes down, drives failed per type */
  failedNodes: number[];
  failedDisks: Partial<Record<DiskTypeName, number>>;
  /** logins of initiators on the ports of a failed node, given back when it recovers */
  suspendedLogins: Record<string, Login[]>;
  rcTargets: Record<string, RcTarget>;
  rcGroups: Record<string, RcGroup>;
  /** CLI task schedules (`createsched`); optional so states saved before schedules existed still load */
  schedules?: Record<string, Schedule>;
}

/** A scheduled CLI task: the command and when it runs (cron fields or an @-keyword), as `createsched` took them. */
export interface Schedule {
  name: string;
  command: string;
  /** `<minute> <hour> <dom> <month> <dow>` or @hourly, @daily, @weekly, @monthly, @yearly */
  when: string;
  suspended: boolean;
  readonly createdBy: string;
  readonly createdMs: number;
}

/** A replication link between two arrays of the fabric; tests cut and restore it. */
export interface RcLink {
  readonly arrays: readonly [string, string];
  up: boolean;
}

export interface FabricState {
  readonly formatVersion: 1;
  readonly seed: number;
  rngCounter: number;
  arrays: Record<string, ArrayState>;
  /** by `<keyA>|<keyB>` with the keys sorted */
  links?: Record<string, RcLink>;
}
