import { readFileSync, existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FixtureFile } from './model/boot.ts';
import { isValidTimeZone } from './model/time.ts';

export const FIXTURES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
export const DEFAULT_FIXTURE = 'default';

/** `name` → fixtures/<name>.json; anything with a slash or a .json suffix is a path. */
export function resolveFixturePath(nameOrPath: string): string {
  if (nameOrPath.includes('/') || nameOrPath.endsWith('.json')) return isAbsolute(nameOrPath) ? nameOrPath : resolve(nameOrPath);
  return join(FIXTURES_DIR, `${nameOrPath}.json`);
}

export class FixtureError extends Error {}

function need(cond: unknown, where: string, what: string): void {
  if (!cond) throw new FixtureError(`fixture ${where}: ${what}`);
}

/** Structural checks with messages a fixture author can act on; values the model validates itself are left to it. */
export function validateFixture(f: unknown, where: string): FixtureFile {
  need(f && typeof f === 'object', where, 'must be a JSON object');
  const file = f as FixtureFile;
  need(Array.isArray(file.arrays) && file.arrays.length > 0, where, '"arrays" must list at least one array');
  file.arrays.forEach((a, i) => {
    const at = `${where} arrays[${i}]`;
    const p = a.profile;
    need(p && typeof p === 'object', at, '"profile" is required');
    for (const k of ['name', 'serialNumber', 'model', 'systemVersion', 'IPv4Addr', 'timeZone'] as const) need(typeof p[k] === 'string', at, `profile.${k} must be a string`);
    for (const k of ['systemId', 'nodes', 'masterNode', 'cages', 'chunkletSizeMiB'] as const) need(Number.isInteger(p[k]), at, `profile.${k} must be an integer`);
    need(isValidTimeZone(p.timeZone), at, `profile.timeZone "${p.timeZone}" is not an IANA time zone`);
    need(Array.isArray(p.disks) && p.disks.length > 0, at, 'profile.disks must list drive groups');
    for (const d of p.disks) need(['FC', 'NL', 'SSD'].includes(d.type) && Number.isInteger(d.count) && Number.isInteger(d.sizeMiB), at, 'each disk group needs type FC|NL|SSD, count, sizeMiB');
    const seen = new Set<string>();
    for (const port of p.ports ?? []) {
      need(typeof port.portPos === 'string' && /^\d:\d{1,2}:\d$/.test(port.portPos), at, `port "${String(port.portPos)}": portPos must be "node:slot:port"`);
      need(!seen.has(port.portPos), at, `port ${port.portPos} listed twice`);
      seen.add(port.portPos);
      for (const k of ['type', 'protocol', 'mode', 'linkState'] as const) need(Number.isInteger(port[k]), at, `port ${port.portPos}: ${k} must be the WSAPI enum number`);
    }
    need(p.wsapi && Number.isInteger(p.wsapi.build) && Number.isInteger(p.wsapi.maxSessions), at, 'profile.wsapi needs build and maxSessions');
    need(Array.isArray(a.users) && a.users.length > 0, at, '"users" must list at least one user');
    for (const u of a.users) need(typeof u.name === 'string' && typeof u.password === 'string' && ['super', 'edit', 'browse'].includes(u.role), at, 'each user needs name, password, role super|edit|browse');
  });
  return file;
}

export function loadFixture(nameOrPath: string = DEFAULT_FIXTURE): FixtureFile {
  const path = resolveFixturePath(nameOrPath);
  if (!existsSync(path)) throw new FixtureError(`no fixture at ${path}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new FixtureError(`fixture ${path} is not valid JSON: ${(e as Error).message}`);
  }
  return validateFixture(parsed, path);
}
