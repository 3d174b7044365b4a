import { fail } from './errors.ts';
import { arrayOf, requireRole, snapshotOf, type Command } from './fabric.ts';
import type { ArrayState, KeyValue } from './state.ts';
import { getVolume } from './volume.ts';

/** Keys: up to 31 characters (FLASK), and no characters the array refuses in names ('&' → 400 in PYT_VOL). */
const KEY_MAX = 31;
const KEY_CHARS = /^[A-Za-z0-9._:\- ]+$/;

function checkKey(key: string): void {
  if (key.length === 0) fail('INV_INPUT_EMPTY_STR', { ref: 'key' });
  if (key.length > KEY_MAX) fail('INV_INPUT_EXCEEDS_LENGTH', { ref: 'key' });
  if (!KEY_CHARS.test(key)) fail('INV_INPUT_ILLEGAL_CHAR', { ref: 'key' });
}

export function getKeyValue(array: ArrayState, volume: string, key: string): KeyValue {
  checkKey(key);
  const kv = getVolume(array, volume).metadata[key];
  if (!kv) fail('NON_EXISTENT_OBJECT_KEY');
  return kv;
}

export const setKeyValue =
  (input: { volume: string; key: string; value: string }): Command<void> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const draft = arrayOf(fabric, ctx);
    const v = getVolume(snapshotOf<ArrayState>(draft), input.volume);
    checkKey(input.key);
    if (v.metadata[input.key]) fail('EXISTENT_OBJECT_KEY');
    draft.volumes[input.volume]!.metadata[input.key] = { key: input.key, value: input.value, createdMs: ctx.nowMs };
  };

export const changeKeyValue =
  (input: { volume: string; key: string; value: string }): Command<void> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const draft = arrayOf(fabric, ctx);
    getKeyValue(snapshotOf<ArrayState>(draft), input.volume, input.key);
    draft.volumes[input.volume]!.metadata[input.key]!.value = input.value;
  };

export const removeKeyValue =
  (input: { volume: string; key: string }): Command<void> =>
  (fabric, ctx) => {
    requireRole(ctx, 'edit');
    const draft = arrayOf(fabric, ctx);
    getKeyValue(snapshotOf<ArrayState>(draft), input.volume, input.key);
    delete draft.volumes[input.volume]!.metadata[input.key];
  };
