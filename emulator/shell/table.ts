import { iso8601Local, zoneAbbreviation } from '../model/time.ts';

/** A CLI table: the header row, data rows, and the totals line some commands print under a dashed rule. */
export interface Table {
  readonly columns: readonly { readonly header: string; readonly align?: 'left' | 'right' }[];
  readonly rows: readonly (readonly (string | number)[])[];
  /** cells of the totals row (blank where nothing is totalled), printed under the rule */
  readonly total?: readonly (string | number)[];
}

/**
 * Normal mode pads columns to their widest cell (numbers right-aligned), one space apart; CSV mode
 * (`setclienv csvtable 1`) joins cells with commas and keeps the rule and totals as the array prints them.
 */
export function renderTable(t: Table, csv: boolean): string[] {
  const cells = (row: readonly (string | number)[]) => row.map((c) => String(c));
  if (csv) {
    const out = [t.columns.map((c) => c.header).join(','), ...t.rows.map((r) => cells(r).join(','))];
    if (t.total) out.push('-'.repeat(Math.max(3, out[0]!.length)), cells(t.total).join(','));
    return out;
  }
  const all = [t.columns.map((c) => c.header), ...t.rows.map(cells), ...(t.total ? [cells(t.total)] : [])];
  const widths = t.columns.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (row: readonly string[]) =>
    row
      .map((cell, i) => (t.columns[i]!.align === 'right' ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join(' ')
      .trimEnd();
  const out = [line(all[0]!), ...t.rows.map((r) => line(cells(r)))];
  if (t.total) {
    out.push('-'.repeat(widths.reduce((a, b) => a + b, 0) + widths.length - 1));
    out.push(line(cells(t.total)));
  }
  return out;
}

/** Times as the CLI prints them: `2013-08-21 18:06:45 PDT` (local date and time, then the zone abbreviation). */
export function cliTime(ms: number, tz: string): string {
  const iso = iso8601Local(Math.floor(ms / 1000), tz);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} ${zoneAbbreviation(ms, tz)}`;
}
