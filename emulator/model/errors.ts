import { ERROR_CATALOG, STAND_IN_BY_STATUS, type ErrorCatalogEntry, type ErrorSymbol } from '../../contracts/errors.ts';

const bySymbol = new Map<string, ErrorCatalogEntry>(ERROR_CATALOG.map((e) => [e.symbol, e]));

export function catalogEntry(symbol: ErrorSymbol): ErrorCatalogEntry {
  const entry = bySymbol.get(symbol);
  if (!entry) throw new Error(`unknown error symbol ${symbol}`);
  return entry;
}

/** Symbols the emulator can actually send: both the number and the HTTP status are known from a public source. */
export type SendableSymbol = ErrorSymbol;

/**
 * The one failure a command may raise: an error the real array would answer with.
 * A command that throws it leaves the fabric untouched (the immer draft is discarded).
 */
export class ArrayError extends Error {
  readonly symbol: ErrorSymbol;
  readonly code: number;
  readonly http: number;
  readonly desc: string;
  readonly ref: string | undefined;

  constructor(symbol: ErrorSymbol, opts: { desc?: string; ref?: string } = {}) {
    const entry = catalogEntry(symbol);
    // No public source gives some symbols' numbers; those go out as the documented symbol the catalog names
    // in their place (same HTTP status) rather than as an invented number.
    const standIn = entry.sendAs ?? (entry.http !== null ? STAND_IN_BY_STATUS[entry.http] : undefined);
    const wire = entry.code === null && standIn ? catalogEntry(standIn as ErrorSymbol) : entry;
    if (wire.code === null || wire.http === null) {
      throw new Error(`error symbol ${symbol} has no known code and no stand-in; pick a documented one`);
    }
    const desc = opts.desc ?? entry.desc;
    super(`${wire.code} - ${desc}`);
    this.name = 'ArrayError';
    this.symbol = symbol;
    this.code = wire.code;
    this.http = wire.http;
    this.desc = desc;
    this.ref = opts.ref;
  }

  /** The body the array sends: `{"code","desc"}` plus `ref` only when it names something. */
  body(): { code: number; desc: string; ref?: string } {
    return this.ref === undefined ? { code: this.code, desc: this.desc } : { code: this.code, desc: this.desc, ref: this.ref };
  }
}

export function fail(symbol: ErrorSymbol, opts?: { desc?: string; ref?: string }): never {
  throw new ArrayError(symbol, opts);
}
