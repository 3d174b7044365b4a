import { fail } from '../model/errors.ts';

/**
 * The WSAPI's `?query="..."` filter: terms `field EQ value` (also `==`, and `LIKE` with `*` wildcards), joined by
 * OR (WSAPI 1.3 knows no AND; G131 p20). Anything else is an invalid query string.
 */
export interface QueryTerm {
  field: string;
  op: 'EQ' | 'LIKE';
  value: string;
}

export function parseQuery(raw: string | undefined, fields: readonly string[]): QueryTerm[] | undefined {
  if (raw === undefined) return undefined;
  let text = raw.trim();
  if (text.startsWith('"') && text.endsWith('"') && text.length >= 2) text = text.slice(1, -1).trim();
  if (text === '') fail('INV_QUERY_STRING', { ref: 'query' });
  const terms: QueryTerm[] = [];
  for (const part of text.split(/\s+OR\s+/)) {
    const m = /^([A-Za-z][A-Za-z0-9_]*)\s*(?:(==)|\s(EQ|LIKE)\s)\s*(\S+)$/.exec(part.trim());
    if (!m) fail('INV_QUERY_STRING', { ref: 'query' });
    const field = m[1]!;
    if (!fields.includes(field)) fail('INV_QUERY_STRING', { ref: field });
    terms.push({ field, op: m[3] === 'LIKE' ? 'LIKE' : 'EQ', value: m[4]! });
  }
  return terms;
}

export function termMatches(term: QueryTerm, actual: string | number | undefined, caseInsensitive = false): boolean {
  if (actual === undefined) return false;
  const a = caseInsensitive ? String(actual).toUpperCase() : String(actual);
  const v = caseInsensitive ? term.value.toUpperCase() : term.value;
  if (term.op === 'EQ') return a === v;
  const re = new RegExp('^' + v.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$');
  return re.test(a);
}
