// WSAPI enumerations used by the routes, tests and docs. Numbers: shared/reference/wsapi/enums.md (G131 p46-48 and
// HPE's SDK constants); each is a JSON number, never 0.

export const RAID_TYPE = { R0: 1, R1: 2, R5: 3, R6: 4 } as const;
export const CPG_HA = { PORT: 1, CAGE: 2, MAG: 3 } as const;
export const CHUNKLET_POS_PREF = { FIRST: 1, LAST: 2 } as const;
export const DISK_TYPE = { FC: 1, NL: 2, SSD: 3 } as const;
/** cpg.state (shared with volume state) */
export const CPG_STATE = { NORMAL: 1, DEGRADED: 2, FAILED: 3, UNKNOWN: 99 } as const;
/** CPG DetailedState values seen in failedStates/degradedStates/additionalStates */
export const CPG_DETAILED_STATE = { SA_LIMIT_REACHED: 1, SD_LIMIT_REACHED: 2, SA_GROW_FAILED: 3, SD_GROW_FAILED: 4, SA_WARN_REACHED: 5, SD_WARN_REACHED: 6 } as const;

// Remote copy. Sources: python-3parclient (targets[].state 3/5, syncStatus 3 checks), cinder (RC_GROUP_STARTED 3,
// SYNC_STATUS_COMPLETED 3), HPE's SDKs; values marked (I) are not printed by any source found.
export const RC_MODE = { SYNC: 1, PERIODIC_LEGACY: 2, PERIODIC: 3, ASYNC: 4 } as const;
export const RC_GROUP_ACTION = { ADMIT_VV: 1, DISMISS_VV: 2, START: 3, STOP: 4, SYNC: 5 } as const;
export const RC_RECOVERY_ACTION = { REVERSE: 6, FAILOVER: 7, SWITCHOVER: 8, RECOVER: 9, RESTORE: 10, OVERRIDE_FAIL_SAFE: 11, CLX_DR: 12 } as const;
/**
 * targets[].state: 2 STARTING (OpenNebula addon-3par), 3 STARTED, 5 STOPPED (python-3parclient, cinder); 1 NEW by
 * position in HPE's list "New, Starting, Started, Restart, Stopped, Backup, Failsafe, Logging" (I).
 */
export const RC_TARGET_STATE = { NEW: 1, STARTING: 2, STARTED: 3, STOPPED: 5 } as const;
/** remoteVolumes[].syncStatus: 3 SYNCED documented; 1 NEW, 2 SYNCING, 4 NOT_SYNCED by position in HPE's list (I). */
export const RC_SYNC_STATUS = { NEW: 1, SYNCING: 2, SYNCED: 3, NOT_SYNCED: 4 } as const;
/**
 * Roles the model keeps. On the wire `role` is 1 Primary or 2 Secondary (python-hpedockerplugin RCG_ROLE); the
 * reversed roles show as the same numbers with `targets[].roleReversed` true (a docker-plugin report shows a
 * Secondary-Rev group as "Secondary").
 */
export const RC_ROLE = { PRIMARY: 1, SECONDARY: 2, PRIMARY_REV: 3, SECONDARY_REV: 4 } as const;
export const RC_WIRE_ROLE: Record<number, number> = { 1: 1, 2: 2, 3: 1, 4: 2 };
