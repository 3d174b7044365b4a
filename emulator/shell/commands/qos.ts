import { createQosRule, modifyQosRule, QOS_TYPE, qosKey } from '../../model/qos.ts';
import { CliError, type CliCommand } from '../registry.ts';

/** QoS rules on volume sets. */

/** `setqos [-io <n>] [-bw <n>[K|M|G]] vvset:<name>`: creates the rule or changes it, as the CLI does. */
const setqos: CliCommand = {
  name: 'setqos',
  access: 'write',
  options: { io: { value: true }, bw: { value: true }, pri: { value: true }, lt: { value: true }, on: {}, off: {}, clear: {} },
  args: { min: 1, max: 1 },
  usage: 'setqos [options] [{vvset|domain}:{<name>|<pattern>}|sys:all_others]...',
  run(ctx, cmd) {
    const target = cmd.args[0]!;
    const m = /^(vvset|sys):(.+)$/.exec(target);
    if (!m) throw new CliError([`Error: no matching QoS target found for ${target}`]);
    const type = m[1] === 'sys' ? QOS_TYPE.SYS : QOS_TYPE.VVSET;
    const name = m[2]!;
    if (type === QOS_TYPE.VVSET && !ctx.array().volumeSets[name]) throw new CliError([`no matching QoS target found for ${target}`]);
    // `-io <min>-<max>` or `-io <max>`; one value is taken as both goal and limit (I: the WSAPI needs the pair).
    const settings: { ioMinGoal?: number; ioMaxLimit?: number; bwMinGoalKB?: number; bwMaxLimitKB?: number; enable?: boolean } = {};
    if (typeof cmd.options.io === 'string') {
      const r = /^(\d+)(?:-(\d+))?$/.exec(cmd.options.io);
      if (!r) throw new CliError([`Error: invalid I/O limit ${cmd.options.io}`]);
      settings.ioMinGoal = Number(r[1]);
      settings.ioMaxLimit = Number(r[2] ?? r[1]);
    }
    if (typeof cmd.options.bw === 'string') {
      const kb = (v: string) => {
        const b = /^(\d+)([KMG]?)$/i.exec(v);
        if (!b) throw new CliError([`Error: invalid bandwidth ${cmd.options.bw}`]);
        return Math.round(Number(b[1]) * { '': 1 / 1024, K: 1, M: 1024, G: 1024 * 1024 }[b[2]!.toUpperCase() as '' | 'K' | 'M' | 'G']);
      };
      const [lo, hi] = cmd.options.bw.split('-');
      settings.bwMinGoalKB = kb(lo!);
      settings.bwMaxLimitKB = kb(hi ?? lo!);
    }
    if (cmd.options.on) settings.enable = true;
    if (cmd.options.off) settings.enable = false;
    const key = qosKey(type, name);
    if (ctx.array().qosRules[key]) ctx.run(modifyQosRule({ key, changes: settings }));
    else ctx.run(createQosRule({ name, type, ...settings }));
    return [];
  },
};

export const qosCommands: readonly CliCommand[] = [setqos];
