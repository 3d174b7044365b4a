/** The array prints times in its own zone: `<x>Sec` epoch seconds plus `<x>8601` with the local offset. */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function iso8601Local(epochSec: number, timeZone: string): string {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(epochSec * 1000)).map((p) => [p.type, p.value]));
  const localAsUtc = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  const offsetMin = Math.round((localAsUtc - epochSec * 1000) / 60000);
  const sign = offsetMin < 0 ? '-' : '+';
  const abs = Math.abs(offsetMin);
  const off = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${off}`;
}

const ABBREVIATION_LOCALES = ['en-US', 'en-GB', 'en-IN', 'en-AU', 'en-CA'];
const abbreviations = new Map<string, string>();

/**
 * The zone abbreviation the array prints in task times ("PDT", "CET"). Each English locale of Intl knows only its
 * own region's abbreviations, so ask them in turn and keep the first real one; else the GMT offset form.
 */
export function zoneAbbreviation(ms: number, timeZone: string): string {
  const offset = iso8601Local(Math.floor(ms / 1000), timeZone).slice(19);
  const key = `${timeZone} ${offset}`;
  let found = abbreviations.get(key);
  if (found === undefined) {
    const names = ABBREVIATION_LOCALES.map(
      (loc) => new Intl.DateTimeFormat(loc, { timeZone, timeZoneName: 'short' }).formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT',
    );
    found = names.find((n) => !/^GMT[+-]/.test(n)) ?? names[0]!;
    abbreviations.set(key, found);
  }
  return found;
}
