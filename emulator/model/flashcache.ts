import { fail } from './errors.ts';
import { arrayOf, requireRole, snapshotOf, type Command } from './fabric.ts';
import { flashCacheRawMiB, tierCapacities } from './capacity.ts';
import type { ArrayState, FlashCache } from './state.ts';

export const FLASH_CACHE_MODE = { SIMULATOR: 1, REAL: 2 } as const;
/** Sizes are whole multiples of 16 GiB (python-3parclient createFlashCache docstring). */
const SIZE_UNIT_GiB = 16;

export function getFlashCache(array: ArrayState): FlashCache {
  if (!array.flashCache) fail('NON_EXISTENT_FLASH_CACHE');
  return array.flashCache;
}

export const createFlashCache =
  (input: { sizeGiB: number; mode?: number; RAIDType?: number; noCheckSCMSize?: boolean }): Command<void> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const draft = arrayOf(fabric, ctx);
    const array = snapshotOf<ArrayState>(draft);
    const mode = input.mode ?? FLASH_CACHE_MODE.REAL;
    if (![1, 2].includes(mode)) fail('INV_INPUT_BAD_ENUM_VALUE', { ref: 'mode' });
    const raid = input.RAIDType ?? 2;
    if (![1, 2].includes(raid)) fail('INV_INPUT_BAD_ENUM_VALUE', { ref: 'RAIDType' });
    const licensed = array.profile.licenseInfo.licenses.some((l) => l.name.includes('Adaptive Flash Cache'));
    const hasSsd = array.profile.disks.some((d) => d.type === 'SSD');
    // Simulator mode needs neither SSDs nor space: it only models the cache.
    if (!licensed || (mode === FLASH_CACHE_MODE.REAL && !hasSsd)) fail('FLASH_CACHE_NOT_SUPPORTED');
    if (array.flashCache) fail('EXISTENT_FLASH_CACHE');
    if (input.sizeGiB <= 0) fail('INV_INPUT_BELOW_RANGE', { ref: 'sizeGiB' });
    if (input.sizeGiB % SIZE_UNIT_GiB !== 0) fail('INV_FLASH_CACHE_SIZE', { ref: 'sizeGiB' });
    const fc: FlashCache = { sizeGiB: input.sizeGiB, mode, RAIDType: raid, createdMs: ctx.nowMs };
    if (flashCacheRawMiB(fc) > tierCapacities(array).SSD.freeMiB) fail('INV_INPUT_EXCEEDS_RANGE', { ref: 'sizeGiB' });
    draft.flashCache = fc;
  };

export const deleteFlashCache: Command<void> = (fabric, ctx) => {
  requireRole(ctx, 'edit');
  const draft = arrayOf(fabric, ctx);
  getFlashCache(snapshotOf<ArrayState>(draft));
  delete draft.flashCache;
};
