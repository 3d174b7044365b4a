import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ArrayState, FabricState } from './model/state.ts';
import { withDefaults } from './model/boot.ts';

/** What a state file says it is; a file without this or with another version is refused, not guessed at. */
export const STATE_FILE_FORMAT = 'hpe3par-emulator-state';
export const STATE_FILE_VERSION = 1;

export class StateFileError extends Error {}

interface StateFile {
  format: string;
  formatVersion: number;
  savedAt: string;
  fabric: FabricState;
}

/**
 * Sessions are not kept: like an array that restarts, the emulator forgets who was logged in. JSON has no
 * Infinity, so "nothing due" travels as null.
 */
function forDisk(state: FabricState): FabricState {
  const arrays: Record<string, ArrayState> = {};
  for (const [k, a] of Object.entries(state.arrays)) arrays[k] = { ...a, sessions: {} };
  return { ...state, arrays };
}

export function loadStateFile(path: string): FabricState | undefined {
  if (!existsSync(path)) return undefined;
  let parsed: StateFile;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as StateFile;
  } catch (e) {
    throw new StateFileError(`state file ${path} is not valid JSON (${(e as Error).message}); move it away to start from the fixture`);
  }
  if (parsed?.format !== STATE_FILE_FORMAT) throw new StateFileError(`${path} is not an emulator state file (no "format": "${STATE_FILE_FORMAT}")`);
  if (parsed.formatVersion !== STATE_FILE_VERSION) {
    throw new StateFileError(`state file ${path} has format version ${parsed.formatVersion}; this emulator reads version ${STATE_FILE_VERSION}`);
  }
  const fabric = parsed.fabric;
  for (const [k, a] of Object.entries(fabric.arrays)) fabric.arrays[k] = { ...withDefaults(a), sessions: {} };
  return fabric;
}

/** Write-then-rename with fsync of the file and its directory: after a crash the file is the old or the new state, whole. */
export function saveStateFile(path: string, state: FabricState): void {
  const body: StateFile = { format: STATE_FILE_FORMAT, formatVersion: STATE_FILE_VERSION, savedAt: new Date().toISOString(), fabric: forDisk(state) };
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, JSON.stringify(body));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  try {
    const dir = openSync(dirname(path), 'r');
    try {
      fsyncSync(dir);
    } finally {
      closeSync(dir);
    }
  } catch {
    // Some filesystems do not let a directory be opened for fsync; the rename is still atomic there.
  }
}

/** Did anything worth keeping change? Session bookkeeping alone (every request touches it) does not count. */
export function persistedChange(prev: FabricState | undefined, next: FabricState): boolean {
  if (!prev || prev.seed !== next.seed) return true;
  const keys = new Set([...Object.keys(prev.arrays), ...Object.keys(next.arrays)]);
  for (const k of keys) {
    const a = prev.arrays[k];
    const b = next.arrays[k];
    if (!a || !b) return true;
    for (const field of Object.keys(b) as (keyof ArrayState)[]) {
      if (field !== 'sessions' && a[field] !== b[field]) return true;
    }
  }
  return false;
}
