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
