/** One request as the emulator saw and answered it. */
export interface JournalEntry {
  seq: number;
  /** emulator (virtual) time of the request, epoch ms */
  at: number;
  array: string;
  method: string;
  path: string;
  operation?: string;
  user?: string;
  status: number;
  /** the array error code, for error replies */
  code?: number;
  /** the fault rule that fired on it */
  rule?: number;
  effect?: string;
  /** wall-clock handling time */
  ms: number;
}

/** The request journal: a bounded ring of recent requests, queryable and clearable through the control API. */
export class Journal {
  private entries: JournalEntry[] = [];
  private seq = 0;
  constructor(private readonly capacity = 10_000) {}

  record(e: Omit<JournalEntry, 'seq'>): JournalEntry {
    const entry = { seq: ++this.seq, ...e };
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
    return entry;
  }

  query(filter: { since?: number; operation?: string; array?: string; limit?: number } = {}): JournalEntry[] {
    let out = this.entries;
    if (filter.since !== undefined) out = out.filter((e) => e.seq > filter.since!);
    if (filter.operation !== undefined) out = out.filter((e) => e.operation === filter.operation);
    if (filter.array !== undefined) out = out.filter((e) => e.array === filter.array);
    if (filter.limit !== undefined) out = out.slice(-filter.limit);
    return out;
  }

  clear(): void {
    this.entries = [];
  }

  /** A fresh start (emulator reset): numbering starts again, so a replay numbers its requests the same way. */
  reset(): void {
    this.entries = [];
    this.seq = 0;
  }
}
