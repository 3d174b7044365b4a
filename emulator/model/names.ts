import { fail } from './errors.ts';

/**
 * Object names on the array: letters, digits, '.', '_' and '-', not starting with '-'.
 * name31 for volumes, CPGs, hosts, domains; Name27 for sets.
 */
const NAME_CHARS = /^[A-Za-z0-9._-]+$/;

export function checkName(value: string, maxLength: number, ref: string): void {
  if (value.length === 0) fail('INV_INPUT_EMPTY_STR', { ref });
  if (value.length > maxLength) fail('INV_INPUT_EXCEEDS_LENGTH', { ref });
  if (!NAME_CHARS.test(value) || value.startsWith('-')) fail('INV_INPUT_ILLEGAL_CHAR', { ref });
}

/** A name that arrives in a URL: too long simply names nothing (the array answers not-found), bad characters are refused. */
export function urlNameIsLegal(value: string): boolean {
  return value.length > 0 && NAME_CHARS.test(value) && !value.startsWith('-');
}
