import { ArrayError } from '../model/errors.ts';
import type { Actor, Command, Fabric } from '../model/fabric.ts';
import type { FaultEngine } from '../faults/engine.ts';
import type { Journal } from '../faults/journal.ts';
import { catchUpFabric } from '../model/tick.ts';
import { CLI_COMMANDS } from './commands.ts';
import { linkUp } from '../model/rctarget.ts';
import { CliError, parseInvocation, type CliContext } from './registry.ts';
import { splitWords } from './words.ts';

/** What one array's CLI needs from the emulator: the shared fabric, fault rules and journal. */
export interface ShellServices {
  readonly fabric: Fabric;
  readonly arrayKey: string;
  readonly faults: FaultEngine;
  readonly journal: Journal;
}

/** The outcome of one command line: the lines to print, and whether the connection should be dropped or hang. */
export interface LineResult {
  lines: string[];
  /** set by a fault rule: drop the connection (`reset`) or never answer (`hang`) */
  abort?: 'reset' | 'hang';
  /** milliseconds a latency rule holds the answer */
  delayMs?: number;
  /** the command did what was asked (exit status 0 for `ssh array <command>`) */
  ok?: boolean;
}

/**
 * One logged-in CLI session: the array's shell as a client sees it over SSH. Commands run the same model
 * commands as the WSAPI routes, against the same fabric, so either door sees what the other did.
 */
export class CliSession {
  csv = false;
  constructor(
    private readonly s: ShellServices,
    readonly actor: Actor,
  ) {}

  /** `<system name> cli% ` */
  prompt(): string {
    return `${this.s.fabric.array(this.s.arrayKey).profile.name} cli% `;
  }

  execute(line: string): LineResult {
    const started = performance.now();
    let words = splitWords(line.trim());
    if ('unbalanced' in words) return this.journal(line, undefined, ['missing close-quote'], started, false);
    // python-3parclient wraps file-service commands as `Tpd::rtpd "<command>"`.
    if (words[0] === 'Tpd::rtpd' && words.length === 2) {
      const inner = splitWords(words[1]!);
      if (!('unbalanced' in inner)) words = inner;
    }
    if (words.length === 0) return { lines: [] };
    const name = words[0]!;
    if (name === 'setclienv') return this.journal(line, name, this.setclienv(words), started, true);
    const spec = CLI_COMMANDS[name];
    if (!spec) return this.journal(line, name, [`Invalid command name "${name}"`], started, false);

    const rule = this.s.faults.decide({ array: this.s.arrayKey, method: 'SSH', path: line.trim(), operation: name, body: undefined });
    if (rule) {
      const e = rule.effect;
      const fired = (r: LineResult) => this.journal(line, name, r.lines, started, false, rule.id, e.type, r);
      if (e.type === 'error') return fired({ lines: [`Error: ${e.desc ?? new ArrayError(e.symbol).desc}`] });
      if (e.type === 'busy') return fired({ lines: ['Error: The system is busy. Try again later.'] });
      if (e.type === 'hang') return fired({ lines: [], abort: 'hang' });
      if (e.type === 'reset') return fired({ lines: [], abort: 'reset' });
      if (e.type === 'latency') {
        const delayMs = this.s.faults.latencyMs(rule, e.ms);
        const r = this.runCommand(spec, words);
        return this.journal(line, name, r.lines, started, r.ok, rule.id, e.type, { lines: r.lines, delayMs });
      }
    }
    const r = this.runCommand(spec, words);
    return this.journal(line, name, r.lines, started, r.ok);
  }

  private runCommand(spec: (typeof CLI_COMMANDS)[string], words: string[]): { lines: string[]; ok: boolean } {
    const parsed = parseInvocation(spec, words);
    if (!parsed.ok) return { lines: parsed.lines, ok: false };
    if (spec.access === 'write' && this.actor.role === 'browse') return { lines: ['Error: Permission denied.'], ok: false };
    catchUpFabric(this.s.fabric);
    try {
      return { lines: spec.run(this.context(), parsed.command), ok: true };
    } catch (e) {
      if (e instanceof ArrayError) return { lines: [`Error: ${e.desc}`], ok: false };
      if (e instanceof CliError) return { lines: e.lines, ok: false };
      throw e;
    }
  }

  private setclienv(words: string[]): string[] {
    if (words[1] === 'csvtable' && (words[2] === '1' || words[2] === '0')) {
      this.csv = words[2] === '1';
      return [];
    }
    return ['Usage: setclienv <parameter> <value>'];
  }

  private context(): CliContext {
    const { fabric, arrayKey } = this.s;
    return {
      actor: this.actor,
      csv: this.csv,
      array: () => fabric.array(arrayKey),
      run: <R>(command: Command<R>) => fabric.run(arrayKey, this.actor, command),
      nowMs: () => fabric.clock.now(),
      linkUp: (peerKey: string) => linkUp(fabric.state, arrayKey, peerKey),
      fabric: () => fabric.state,
    };
  }


  private journal(line: string, name: string | undefined, lines: string[], started: number, ok: boolean, rule?: number, effect?: string, result?: LineResult): LineResult {
    this.s.journal.record({
      at: this.s.fabric.clock.now(),
      array: this.s.arrayKey,
      method: 'SSH',
      path: line.trim(),
      ...(name !== undefined ? { operation: name } : {}),
      user: this.actor.user,
      // CLI exit semantics: 0 when the command did what was asked, 1 when it printed an error.
      status: ok ? 0 : 1,
      ...(rule !== undefined ? { rule, effect } : {}),
      ms: +(performance.now() - started).toFixed(2),
    });
    return { ...(result ?? { lines }), ok };
  }
}
