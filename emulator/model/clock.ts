/**
 * The emulator's own time. Real time by default; a test can freeze it, move it, or jump it forward,
 * and everything time-dependent (session idle expiry now, tasks and expirations later) reads it from here.
 */
export interface ClockSnapshot {
  readonly mode: 'real' | 'frozen';
  /** epoch milliseconds as the emulator sees them */
  readonly nowMs: number;
  /** real mode: emulator time minus wall time */
  readonly offsetMs: number;
}

export class VirtualClock {
  private mode: 'real' | 'frozen';
  private offsetMs: number;
  private frozenAtMs: number;
  private readonly wall: () => number;

  constructor(opts: { frozenAtMs?: number; wall?: () => number } = {}) {
    this.wall = opts.wall ?? Date.now;
    if (opts.frozenAtMs !== undefined) {
      this.mode = 'frozen';
      this.frozenAtMs = opts.frozenAtMs;
    } else {
      this.mode = 'real';
      this.frozenAtMs = 0;
    }
    this.offsetMs = 0;
  }

  now(): number {
    return this.mode === 'frozen' ? this.frozenAtMs : this.wall() + this.offsetMs;
  }

  freeze(atMs: number = this.now()): void {
    this.frozenAtMs = atMs;
    this.mode = 'frozen';
  }

  /** Let time flow again from the current emulator time. */
  resume(): void {
    if (this.mode === 'frozen') {
      this.offsetMs = this.frozenAtMs - this.wall();
      this.mode = 'real';
    }
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('clock can only move forward');
    if (this.mode === 'frozen') this.frozenAtMs += ms;
    else this.offsetMs += ms;
  }

  set(atMs: number): void {
    if (this.mode === 'frozen') this.frozenAtMs = atMs;
    else this.offsetMs = atMs - this.wall();
  }

  snapshot(): ClockSnapshot {
    return { mode: this.mode, nowMs: this.now(), offsetMs: this.mode === 'real' ? this.offsetMs : 0 };
  }
}
