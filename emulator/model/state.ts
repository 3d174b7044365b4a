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

export interface Domain {
  readonly id: number;
  readonly name: string;
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
}

export interface FabricState {
  readonly formatVersion: 1;
  readonly seed: number;
  rngCounter: number;
  arrays: Record<string, ArrayState>;
}
