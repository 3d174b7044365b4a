import { CliError, type CliCommand } from '../registry.ts';
import { cliTime, renderTable } from '../table.ts';

/** CPGs and their statistics. */

const showcpg: CliCommand = {
  name: 'showcpg',
  access: 'read',
  options: { d: {} },
  args: { min: 0, max: 1 },
  usage: 'showcpg [options] [<CPG_name>|<pattern>]',
  run(ctx, cmd) {
    const array = ctx.array();
    const cpgs = Object.values(array.cpgs)
      .filter((c) => cmd.args[0] === undefined || c.name === cmd.args[0])
      .sort((a, b) => a.id - b.id);
    if (cpgs.length === 0) return ['no cpg listed'];
    const rows = cpgs.map((c) => [c.id, c.name, 'Normal', c.counts.fpvv + c.counts.tpvv + c.counts.tdvv, 0, c.ld.dataMiB, c.usage.userMiB + c.usage.snapDataMiB, c.ld.adminMiB, c.usage.snapAdminMiB]);
    return renderTable(
      {
        columns: [{ header: 'Id', align: 'right' }, { header: 'Name' }, { header: 'Warn%' }, { header: 'VVs', align: 'right' }, { header: 'TPVVs', align: 'right' }, { header: 'Total_MB', align: 'right' }, { header: 'Used_MB', align: 'right' }, { header: 'Adm_MB', align: 'right' }, { header: 'AdmUsed_MB', align: 'right' }],
        rows,
        total: ['', `${cpgs.length} total`, '', '', '', rows.reduce((a, r) => a + (r[5] as number), 0), rows.reduce((a, r) => a + (r[6] as number), 0), rows.reduce((a, r) => a + (r[7] as number), 0), rows.reduce((a, r) => a + (r[8] as number), 0)],
      },
      ctx.csv,
    );
  },
};

/** `srstatld -cpg <cpg> -daily|-hourly -btsecs -<n>{m|h|d}`: no I/O is modelled, so every figure is 0. */
const srstatld: CliCommand = {
  name: 'srstatld',
  access: 'read',
  options: { cpg: { value: true }, daily: {}, hourly: {}, hires: {}, btsecs: {}, attime: {} },
  args: { min: 0, max: 1 },
  usage: 'srstatld [options] [<LD_name>|<pattern>]',
  run(ctx, cmd) {
    const array = ctx.array();
    if (typeof cmd.options.cpg === 'string' && !array.cpgs[cmd.options.cpg]) throw new CliError([`Error: CPG ${cmd.options.cpg} not found`]);
    const step = cmd.options.hourly ? 3600 : cmd.options.hires ? 300 : 86_400;
    const hist = /^-(\d*\.?\d+)([mhd])$/.exec(cmd.args[0] ?? '');
    const spanSec = hist ? Number(hist[1]) * { m: 60, h: 3600, d: 86_400 }[hist[2] as 'm' | 'h' | 'd'] : step * 7;
    const now = Math.floor(ctx.nowMs() / 1000 / step) * step;
    const rows: (string | number)[][] = [];
    for (let t = now - spanSec + step; t <= now; t += step) {
      const time = cmd.options.btsecs ? t : cliTime(t * 1000, array.profile.timeZone);
      rows.push([time, t, ...Array(14).fill('0.0')]);
    }
    return [
      ',,IO/s,,,KBytes/s,,,Svct ms,,,IOSz KBytes,,,,',
      ...renderTable({ columns: ['Time', 'Secs', 'Rd', 'Wr', 'Tot', 'Rd', 'Wr', 'Tot', 'Rd', 'Wr', 'Tot', 'Rd', 'Wr', 'Tot', 'QLen', 'AvgBusy%'].map((header) => ({ header })), rows }, true),
    ];
  },
};

export const cpgCommands: readonly CliCommand[] = [showcpg, srstatld];
