import type { CliCommand } from './registry.ts';
import { cpgCommands } from './commands/cpg.ts';
import { hostCommands } from './commands/host.ts';
import { portCommands } from './commands/port.ts';
import { qosCommands } from './commands/qos.ts';
import { remotecopyCommands } from './commands/remotecopy.ts';
import { scheduleCommands } from './commands/schedule.ts';
import { systemCommands } from './commands/system.ts';
import { volumeCommands } from './commands/volume.ts';
import { vlunCommands } from './commands/vlun.ts';

/**
 * The CLI commands by name, one file per resource under commands/: each entry has its options, argument counts,
 * access, and a handler that runs the same model commands as the WSAPI routes. Output texts the clients parse are
 * those their sources show (docs/cli-sources.md).
 */
export const CLI_COMMANDS: Readonly<Record<string, CliCommand>> = Object.fromEntries(
  [...systemCommands, ...hostCommands, ...vlunCommands, ...portCommands, ...qosCommands, ...scheduleCommands, ...remotecopyCommands, ...volumeCommands, ...cpgCommands].map((c) => [c.name, c]),
);
