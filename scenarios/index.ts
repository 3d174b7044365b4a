import type { Scenario } from './lib/scenario.ts';
import arrayBusyBurst from './array-busy-burst.scenario.ts';
import sessionExpiryMidway from './session-expiry-midway.scenario.ts';
import cpgFills from './cpg-fills-to-growth-limit.scenario.ts';
import copyFails from './copy-task-fails-halfway.scenario.ts';
import nodeFailure from './node-failure-during-exports.scenario.ts';
import consistencyGroup from './consistency-group.scenario.ts';
import snapshotGroup from './snapshot-group.scenario.ts';
import groupFullCopy from './group-full-copy.scenario.ts';
import protectionGroupDrDrill from './protection-group-dr-drill.scenario.ts';

export const SCENARIOS: readonly Scenario[] = [arrayBusyBurst, sessionExpiryMidway, cpgFills, copyFails, nodeFailure, consistencyGroup, snapshotGroup, groupFullCopy, protectionGroupDrDrill];
