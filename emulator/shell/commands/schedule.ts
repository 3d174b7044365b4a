import { createSchedule, modifySchedule, removeSchedule, ScheduleError } from '../../model/schedule.ts';
import { CliError, type CliCommand } from '../registry.ts';
import { renderTable } from '../table.ts';

/** Task schedules. */

/** The CLI's words for schedule refusals; the format text is what python-3parclient compares (lower-cased). */
function scheduleRefusal(e: unknown): never {
  if (!(e instanceof ScheduleError)) throw e;
  if (e.reason === 'format') throw new CliError(['The schedule format is <minute> <hour> <dom> <month> <dow> or by @hourly @daily @monthly @weekly @monthly @yearly']);
  if (e.reason === 'exists') throw new CliError([`Error: A schedule with name ${e.subject} already exists`]);
  throw new CliError([`Error: Schedule ${e.subject} does not exist`]);
}

const createsched: CliCommand = {
  name: 'createsched',
  access: 'write',
  options: { f: {}, run: {}, no_alert: {} },
  args: { min: 3, max: 3 },
  usage: 'createsched [options] <cmd> <taskschedule> <schedname>',
  run(ctx, cmd) {
    const [command, when, name] = cmd.args as [string, string, string];
    try {
      ctx.run(createSchedule({ name, command, when }));
    } catch (e) {
      scheduleRefusal(e);
    }
    return [];
  },
};

const setsched: CliCommand = {
  name: 'setsched',
  access: 'write',
  options: { name: { value: true }, s: { value: true }, suspend: {}, resume: {}, f: {} },
  args: { min: 1, max: 1 },
  usage: 'setsched [options] <schedname>',
  run(ctx, cmd) {
    const name = cmd.args[0]!;
    try {
      ctx.run(
        modifySchedule({
          name,
          ...(typeof cmd.options.name === 'string' ? { newName: cmd.options.name } : {}),
          ...(typeof cmd.options.s === 'string' ? { when: cmd.options.s } : {}),
          ...(cmd.options.suspend ? { suspended: true } : cmd.options.resume ? { suspended: false } : {}),
        }),
      );
    } catch (e) {
      scheduleRefusal(e);
    }
    return [];
  },
};

const removesched: CliCommand = {
  name: 'removesched',
  access: 'write',
  options: { f: {}, pat: {} },
  args: { min: 1, max: 1 },
  usage: 'removesched [-f] [-pat] <schedname|pattern>',
  run(ctx, cmd) {
    try {
      ctx.run(removeSchedule({ name: cmd.args[0]! }));
    } catch (e) {
      scheduleRefusal(e);
    }
    return [];
  },
};

const showsched: CliCommand = {
  name: 'showsched',
  access: 'read',
  options: { all: {} },
  args: { min: 0, max: 1 },
  usage: 'showsched [-all] [<schedname>|<pattern>]',
  run(ctx, cmd) {
    const scheds = Object.values(ctx.array().schedules ?? {}).filter((x) => cmd.args[0] === undefined || x.name === cmd.args[0]);
    if (scheds.length === 0) return ['No scheduled tasks listed'];
    const rows = scheds.map((x) => {
      const f = x.when.startsWith('@') ? [x.when, '', '', '', ''] : x.when.split(/\s+/);
      return [x.name, x.command, '0', ...f, x.createdBy, x.suspended ? 'suspended' : 'active', 'Y', '-'];
    });
    return renderTable(
      {
        columns: ['SchedName', 'File/Command', 'Interval', 'Min', 'Hour', 'DOM', 'Month', 'DOW', 'CreatedBy', 'Status', 'Alert', 'NextRunTime'].map((header) => ({ header })),
        rows,
        total: [scheds.length, 'total', '', '', '', '', '', '', '', '', '', ''],
      },
      ctx.csv,
    );
  },
};

export const scheduleCommands: readonly CliCommand[] = [createsched, setsched, removesched, showsched];
