import { customRandom } from 'nanoid';
import type { FabricState } from './state.ts';

/**
 * Seeded randomness kept inside the fabric state, so that a command which fails also rolls back
 * whatever it drew, and a run is reproducible from its seed.
 * Counter-based (splitmix32 over seed+counter): each draw is a pure function of the state.
 */
function splitmix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  let z = x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

type RngHolder = Pick<FabricState, 'seed' | 'rngCounter'>;

export function nextUint32(fabric: RngHolder): number {
  const value = splitmix32((fabric.seed ^ Math.imul(fabric.rngCounter + 1, 0x27d4eb2d)) | 0);
  fabric.rngCounter += 1;
  return value;
}

export function randomBytes(fabric: RngHolder, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i += 4) {
    const v = nextUint32(fabric);
    for (let j = 0; j < 4 && i + j < n; j++) out[i + j] = (v >>> (8 * j)) & 0xff;
  }
  return out;
}

const HEX = '0123456789abcdef';

export function randomHex(fabric: RngHolder, length: number): string {
  return customRandom(HEX, length, (bytes) => randomBytes(fabric, bytes))();
}

/** RFC 4122 version-4 text form, lower case, as the array prints uuids. */
export function randomUuid(fabric: RngHolder): string {
  const b = randomBytes(fabric, 16);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
