import { type CliCommand } from '../registry.ts';
import { renderTable } from '../table.ts';

/** Virtual volumes. */

const showvv: CliCommand = {
  name: 'showvv',
  access: 'read',
  options: { d: {}, cpg: { value: true } },
  args: { min: 0, max: 1 },
  usage: 'showvv [options] [<VV_name>|<pattern>]',
  run(ctx, cmd) {
    const array = ctx.array();
    const vols = Object.values(array.volumes)
      .filter((v) => (cmd.args[0] === undefined || v.name === cmd.args[0]) && (cmd.options.cpg === undefined || v.userCPG === cmd.options.cpg))
      .sort((a, b) => a.id - b.id);
    if (vols.length === 0) return ['no vv listed'];
    const prov = (p: number, copyType: number) => (copyType === 3 ? 'snp' : ({ 1: 'full', 2: 'tpvv', 6: 'tdvv' } as Record<number, string>)[p] ?? 'tpvv');
    const type = (c: number) => ({ 1: 'base', 2: 'pcopy', 3: 'vcopy' } as Record<number, string>)[c] ?? 'base';
    const rows = vols.map((v) => [v.id, v.name, prov(v.provisioningType, v.copyType), type(v.copyType), v.copyType === 1 ? '---' : array.volumes[array.volumeIds[v.parentId ?? v.physParentId ?? -1] ?? '']?.name ?? '---', v.baseId, v.readOnly ? 'RO' : 'RW', 'normal', v.space.adminReserved, v.space.snapReserved, v.space.userReserved, v.sizeMiB]);
    const sum = (i: number) => rows.reduce((a, r) => a + (r[i] as number), 0);
    return renderTable(
      {
        columns: [{ header: 'Id', align: 'right' }, { header: 'Name' }, { header: 'Prov' }, { header: 'Type' }, { header: 'CopyOf' }, { header: 'BsId', align: 'right' }, { header: 'Rd' }, { header: '-Detailed_State-' }, { header: 'Adm', align: 'right' }, { header: 'Snp', align: 'right' }, { header: 'Usr', align: 'right' }, { header: 'VSize', align: 'right' }],
        rows,
        total: ['', `${vols.length} total`, '', '', '', '', '', '', sum(8), sum(9), sum(10), sum(11)],
      },
      ctx.csv,
    );
  },
};

export const volumeCommands: readonly CliCommand[] = [showvv];
