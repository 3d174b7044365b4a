import type { Actor, Command } from '../model/fabric.ts';
import type { ArrayState, FabricState } from '../model/state.ts';

/** What a CLI command may do: read (any user) or change the array (edit and super; browse users are refused). */
export type Access = 'read' | 'write';

export interface OptionSpec {
  /** the option takes the next word as its value (`-persona 2`) */
  readonly value?: boolean;
}

export interface ParsedCommand {
  readonly name: string;
  /** options given, each with its value (`true` for flags) */
  readonly options: Readonly<Record<string, string | true>>;
  readonly args: readonly string[];
}

/** The command's view of the array: the state, the same model commands the WSAPI routes run, the CLI env. */
export interface CliContext {
  readonly actor: Actor;
  /** `setclienv csvtable 1` in effect */
  readonly csv: boolean;
  array(): ArrayState;
  run<R>(command: Command<R>): R;
  nowMs(): number;
  /** the replication link to another array of the fabric is up */
  linkUp(peerKey: string): boolean;
  fabric(): FabricState;
}

export interface CliCommand {
  readonly name: string;
  readonly access: Access;
  readonly options: Readonly<Record<string, OptionSpec>>;
  readonly args: { readonly min: number; readonly max: number };
  /** the synopsis the CLI prints for a usage error */
  readonly usage: string;
  run(ctx: CliContext, cmd: ParsedCommand): string[];
}

export type ParseResult = { ok: true; command: ParsedCommand } | { ok: false; lines: string[] };

/** Options come before the positional words, as in the array's CLI; `--` ends them. */
export function parseInvocation(spec: CliCommand, words: readonly string[]): ParseResult {
  const options: Record<string, string | true> = {};
  let i = 1;
  for (; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--') {
      i++;
      break;
    }
    if (!w.startsWith('-') || w === '-' || /^-\d/.test(w)) break;
    const opt = spec.options[w.slice(1)];
    if (!opt) return { ok: false, lines: [`${spec.name}: Invalid option ${w}`, '', ...usageLines(spec)] };
    if (opt.value) {
      const v = words[i + 1];
      if (v === undefined) return { ok: false, lines: [`Option ${w} requires an argument`, ...usageLines(spec)] };
      options[w.slice(1)] = v;
      i++;
    } else options[w.slice(1)] = true;
  }
  const args = words.slice(i);
  if (args.length < spec.args.min || args.length > spec.args.max) return { ok: false, lines: usageLines(spec) };
  return { ok: true, command: { name: spec.name, options, args } };
}

/** The synopsis block the CLI prints under a usage error (HPE's mock CLI shows `SYNTAX` then the command line). */
function usageLines(spec: CliCommand): string[] {
  return ['SYNTAX', `    ${spec.usage}`];
}

/** A refusal printed as the CLI prints it (commands throw this where the CLI's text differs from the WSAPI's). */
export class CliError extends Error {
  constructor(readonly lines: string[]) {
    super(lines.join('\n'));
  }
}
