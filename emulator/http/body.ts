import type { BodySpec, FieldSpec } from '../../contracts/requests.ts';
import { fail } from '../model/errors.ts';

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** Parse a request body the way the array does: JSON object only, syntax errors and size have their own codes. */
export function parseJsonBody(text: string, contentType: string | undefined, maxBytes: number): Record<string, unknown> {
  if (Buffer.byteLength(text, 'utf8') > maxBytes) fail('INPUT_TOO_LONG');
  if (text.trim() === '') return {};
  if (contentType !== undefined && contentType !== '' && !/^application\/json\b/i.test(contentType.trim())) fail('UNSUP_CONTENT');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    fail('JSON_SYNTAX_ERR');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) fail('INV_INPUT_NOT_JSON_OBJ');
  return parsed as Record<string, unknown>;
}

function typeMatches(spec: FieldSpec, value: unknown): boolean {
  switch (spec.type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isSafeInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
  }
}

function checkObject(spec: BodySpec, value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(value)) {
    // Null members are ignored by the WSAPI (G131 p18).
    if (member === null) continue;
    const field = spec[name];
    if (!field) fail('INV_INPUT', { ref: name });
    out[name] = checkField(field, name, member);
  }
  for (const [name, field] of Object.entries(spec)) {
    if (field.required && out[name] === undefined) fail('INV_INPUT_MISSING_REQUIRED', { ref: name });
  }
  return out;
}

function checkField(field: FieldSpec, name: string, value: unknown): unknown {
  if (!typeMatches(field, value)) fail('INV_INPUT_WRONG_TYPE', { ref: name });
  if (field.type === 'object') return checkObject(field.fields, value as Record<string, unknown>);
  if (field.type === 'array') return (value as unknown[]).filter((v) => v !== null).map((v) => checkField(field.items, name, v));
  return value;
}

/** Check members and types; returns the body without ignored (null) members. */
export function checkBody<T>(spec: BodySpec, body: Record<string, unknown>): T {
  return checkObject(spec, body) as T;
}
