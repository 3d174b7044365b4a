import { VLUN_TYPE, vlunRows } from '../../model/vlun.ts';
import { type CliCommand } from '../registry.ts';
import { renderTable } from '../table.ts';

/** VLUNs: exports and their active paths. */

const VLUN_TYPE_NAMES: Record<number, string> = { [VLUN_TYPE.PORT]: 'port', [VLUN_TYPE.HOST]: 'host', [VLUN_TYPE.MATCHED_SET]: 'matched set', [VLUN_TYPE.HOST_SET]: 'host set' };

/** `showvlun [-a|-t] [-host <h>] [-v <vv>]`: active VLUNs (one per logged-in path) and the templates behind them. */
const showvlun: CliCommand = {
  name: 'showvlun',
  access: 'read',
  options: { a: {}, t: {}, host: { value: true }, v: { value: true } },
  args: { min: 0, max: 0 },
  usage: 'showvlun [options]',
  run(ctx, cmd) {
    const array = ctx.array();
    const rows = vlunRows(array).filter(
      (r) => (typeof cmd.options.host !== 'string' || r.hostname === cmd.options.host || r.template.hostname === cmd.options.host) && (typeof cmd.options.v !== 'string' || r.volumeName === cmd.options.v),
    );
    const typeOf = (r: (typeof rows)[number]) => VLUN_TYPE_NAMES[r.template.type] ?? String(r.template.type);
    const active = rows.filter((r) => r.active);
    const templates = rows.filter((r) => !r.active);
    const activeTable = () =>
      renderTable(
        {
          columns: [{ header: 'Lun', align: 'right' }, { header: 'VVName' }, { header: 'HostName' }, { header: '-Host_WWN/iSCSI_Name-' }, { header: 'Port' }, { header: 'Type' }, { header: 'Status' }, { header: 'ID', align: 'right' }],
          rows: active.map((r) => [r.lun, r.volumeName, r.hostname ?? '', r.remoteName ?? '', r.portPos ?? '', typeOf(r), 'active', r.hostname !== undefined ? (array.hosts[r.hostname]?.id ?? '') : '']),
          total: [active.length, 'total', '', '', '', '', '', ''],
        },
        ctx.csv,
      );
    const templateTable = () =>
      renderTable(
        {
          columns: [{ header: 'Lun', align: 'right' }, { header: 'VVName' }, { header: 'HostName' }, { header: '-Host_WWN/iSCSI_Name-' }, { header: 'Port' }, { header: 'Type' }],
          rows: templates.map((r) => [r.lun, r.volumeName, r.template.hostname ?? '', '----------------', r.template.portPos ?? '---', typeOf(r)]),
          total: [templates.length, 'total', '', '', '', ''],
        },
        ctx.csv,
      );
    if (cmd.options.t) return templates.length === 0 ? ['no vluns listed'] : templateTable();
    if (cmd.options.a) return active.length === 0 ? ['no vluns listed'] : activeTable();
    if (rows.length === 0) return ['no vluns listed'];
    return [...(active.length > 0 ? ['Active VLUNs', ...activeTable(), ''] : []), 'VLUN Templates', ...templateTable()];
  },
};

export const vlunCommands: readonly CliCommand[] = [showvlun];
