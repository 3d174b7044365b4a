import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CliSession } from '../../emulator/shell/session.ts';
import { emulator, loggedIn, type WsapiReply } from '../helpers.ts';

function cli(emu = emulator(), arrayKey = emu.arrayKeys[0]!, role: 'super' | 'browse' = 'super') {
  const session = new CliSession({ fabric: emu.fabric, arrayKey, faults: emu.faults, journal: emu.journal }, { user: role === 'super' ? '3paradm' : '3parbrowse', role });
  const run = (line: string) => session.execute(line);
  return { emu, session, run, csv: (line: string) => (session.execute('setclienv csvtable 1'), session.execute(line)) };
}

describe('CLI commands (parse → model → text)', () => {
  it('schedules: create, show (recorded columns), suspend, rename, remove; bad formats and unknown names as python-3parclient reads them', () => {
    const { run } = cli();
    expect(run('createsched "createsv -ro snap-@vvname@ vol1" "0 * * * *" sched1').lines).toEqual([]);
    expect(run('createsched "createsv x" @daily sched2').lines).toEqual([]);
    const shown = run('showsched sched1').lines;
    expect(shown[0]!.split(/\s+/)).toEqual(['SchedName', 'File/Command', 'Interval', 'Min', 'Hour', 'DOM', 'Month', 'DOW', 'CreatedBy', 'Status', 'Alert', 'NextRunTime']);
    expect(shown[1]).toContain('active');
    expect(shown.at(-1)!.trim()).toMatch(/^1\s+total$/);
    expect(run('setsched -suspend sched1').lines).toEqual([]);
    expect(run('showsched  sched1').lines[1]).toContain('suspended');
    expect(run('setsched -name sched3 -s "5 4 * * *" sched1').lines).toEqual([]);
    expect(run('showsched sched1').lines[0]).toMatch(/^No scheduled tasks /);
    const bad = run('createsched "createsv x" "61 * *" sched4').lines.join(' ').toLowerCase();
    expect(bad).toContain('the schedule format is <minute> <hour> <dom> <month> <dow> or by @hourly @daily @monthly @weekly @monthly @yearly');
    expect(run('removesched -f nosuch').lines.join(' ').toLowerCase()).toContain('error');
    expect(run('removesched -f sched3').lines).toEqual([]);
    expect(run('createsched "createsv x" @daily sched2').lines.join(' ').toLowerCase()).toContain('error');
  });

  it('showrcopy: the service status on the third line (rcopyServiceExists), links as target,node,address in CSV (rcopyLinkExists)', () => {
    const { run, csv } = cli(emulator({ fixture: 'pair' }), 'primary');
    expect(run('showrcopy').lines.slice(0, 3)).toEqual(['', 'Remote Copy System Information', 'Status: Started, Normal']);
    const links = csv('showrcopy links').lines;
    expect(links[0]).toBe('Target,Node,Address,Status,Options');
    expect(links.filter((l) => l.startsWith('3par-emu-02')).map((l) => l.split(',').slice(0, 3))).toEqual([
      ['3par-emu-02', '0:3:1', '10.10.9.11'],
      ['3par-emu-02', '1:3:1', '10.10.9.12'],
    ]);
    expect(run('startrcopy').lines).toEqual([]);
  });

  it('admitrcopylink/dismissrcopylink: silent on success, the link served by /remotecopylinks, refusals as errors', async () => {
    const emu = emulator({ fixture: 'pair' });
    const { run } = cli(emu, 'primary');
    expect(run('admitrcopylink 3par-emu-02 0:3:2:10.10.9.21').lines).toEqual([]);
    const c = new (await import('../helpers.ts')).InProcessClient(emu, 'primary');
    await c.login();
    const names = async () => ((await c.get('/remotecopylinks')).body.members as { name: string }[]).map((l) => l.name);
    expect(await names()).toContain('3par-emu-02_0_3_2');
    expect(run('admitrcopylink 3par-emu-02 0:3:2:10.10.9.21').lines[0]).toMatch(/^Error: /);
    expect(run('admitrcopylink nowhere 0:3:2:10.10.9.21').lines[0]).toMatch(/^Error: /);
    expect(run('dismissrcopylink 3par-emu-02 0:3:2:10.10.9.21').lines).toEqual([]);
    expect(await names()).not.toContain('3par-emu-02_0_3_2');
    expect(run('dismissrcopylink 3par-emu-02 0:3:2:10.10.9.21').lines[0]).toMatch(/^Error: /);
  });

  it('srstatld: at least four lines, the last with 16 comma fields (getCPGStatData), zeros since no I/O is modelled', () => {
    const { csv, run } = cli();
    const out = csv('srstatld -cpg FC_r1 -daily -btsecs -7d').lines;
    expect(out.length).toBeGreaterThanOrEqual(4);
    const last = out.at(-1)!.split(',');
    expect(last).toHaveLength(16);
    expect([4, 7, 10, 13, 14, 15].map((i) => Number(last[i]))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(run('srstatld -cpg NOPE -daily -btsecs -7d').lines[0]).toMatch(/^Error: /);
  });

  it('refuses writes to browse users, unknown commands and options, and leaves state unchanged', () => {
    const { run, emu } = cli(emulator(), undefined, 'browse');
    const before = JSON.stringify(emu.fabric.state);
    expect(run('createhost h1 10000000C9AABB01')).toMatchObject({ ok: false });
    expect(run('nosuchcommand').lines).toEqual(['Invalid command name "nosuchcommand"']);
    expect(run('showvv -zz').lines[0]).toBe('showvv: Invalid option -zz');
    expect(JSON.stringify(emu.fabric.state)).toBe(before);
  });

  it('showvv and showcpg list what the WSAPI created, with totals', async () => {
    const emu = emulator();
    const c = await loggedIn(emu);
    await c.post('/volumes', { name: 'vv1', cpg: 'FC_r1', sizeMiB: 2048, tpvv: true });
    const { run } = cli(emu);
    const vv = run('showvv vv1').lines;
    expect(vv[1]!.trim().split(/\s+/).slice(1, 4)).toEqual(['vv1', 'tpvv', 'base']);
    expect(vv.at(-1)).toContain('1 total');
    expect(run('showcpg FC_r1').lines[1]).toContain('FC_r1');
  });
});

describe('WSAPI service, sessions and domains over the CLI', () => {
  it('showwsapi gives HTTPS_Port in its CSV header (python-3parclient getPortNumber)', () => {
    const { csv } = cli();
    const [header, row] = csv('showwsapi').lines as [string, string];
    const cols = header.split(',');
    expect(row.split(',')[cols.indexOf('HTTPS_Port')]).toBe('8080');
  });

  it('a WSAPI session shows in showwsapisession, and removewsapisession ends it for the REST client', async () => {
    const emu = emulator();
    const c = await loggedIn(emu);
    const { csv, run } = cli(emu);
    const rows = csv('showwsapisession').lines.filter((l) => l.startsWith(c.key!));
    expect(rows).toHaveLength(1);
    const [id, , user, , ip] = rows[0]!.split(',');
    expect(run(`removewsapisession -f ${id} ${user} ${ip}`).lines).toEqual([]);
    expect((await c.get('/system')).status).toBe(403);
    expect(run(`removewsapisession -f ${id} ${user} ${ip}`).lines[0]).toMatch(/^Error: /);
  });

  it('createdomain makes a domain the WSAPI can put a CPG in; a second one of that name is refused', async () => {
    const emu = emulator();
    const { run } = cli(emu);
    expect(run('createdomain -comment lab DOMAIN_C').lines).toEqual([]);
    expect(run('createdomain DOMAIN_C').lines[0]).toMatch(/^Error: /);
    expect(run('showdomain DOMAIN_C').lines[1]).toContain('DOMAIN_C');
    const c = await loggedIn(emu);
    expect((await c.post('/cpgs', { name: 'cpgC', domain: 'DOMAIN_C' })).status).toBe(201);
  });
});

describe('exports and ports over the CLI', () => {
  it('showvlun lists a WSAPI export as a template, and as active once the host initiator is logged in', async () => {
    const emu = emulator();
    const c = await loggedIn(emu);
    await c.post('/volumes', { name: 'ev1', cpg: 'FC_r1', sizeMiB: 1024, tpvv: true });
    await c.post('/hosts', { name: 'eh1', FCWWNs: ['10000000C9AA0001'] });
    expect((await c.post('/vluns', { volumeName: 'ev1', hostname: 'eh1', lun: 7 })).status).toBe(201);
    const { csv } = cli(emu);
    expect(csv('showvlun -a').lines).toEqual(['no vluns listed']);
    const t = csv('showvlun -t').lines;
    expect(t[0]).toBe('Lun,VVName,HostName,-Host_WWN/iSCSI_Name-,Port,Type');
    expect(t[1]!.split(',')).toEqual(['7', 'ev1', 'eh1', '----------------', '---', 'host']);
    await c.request('POST', '/_emulator/logins', { initiator: '10000000C9AA0001', portPos: '0:1:1' });
    const a = csv('showvlun -a -host eh1').lines;
    expect(a[1]!.split(',').slice(0, 7)).toEqual(['7', 'ev1', 'eh1', '10000000C9AA0001', '0:1:1', 'host', 'active']);
    expect(a.at(-1)!.split(',')[0]).toBe('1');
  });

  it('showport lists the fixture ports; -iscsivlans is the empty table python-3parclient parses', () => {
    const { csv } = cli();
    const ports = csv('showport').lines;
    expect(ports[0]).toBe('N:S:P,Mode,State,----Node_WWN----,-Port_WWN/HW_Addr-,Type,Protocol,Label,Partner,FailoverState');
    expect(ports.find((l) => l.startsWith('0:1:1,'))!.split(',').slice(1, 3)).toEqual(['target', 'ready']);
    const vlans = csv('showport -iscsivlans').lines;
    expect(vlans[0]).toBe('N:S:P,VLAN,IPAddr,Netmask/PrefixLen,Gateway,MTU,TPGT,STGT,iSNS_Addr,iSNS_Port');
    expect(vlans.slice(-1)).toEqual(['0,,,,,,,,,']);
  });
});

describe('one array, two doors', () => {
  it('any sequence of host changes through SSH or the WSAPI is seen identically through both', async () => {
    const names = ['h1', 'h2', 'h3'];
    const wwn = (n: string) => `10000000C9AA00${n.slice(1).padStart(2, '0')}`;
    const step = fc.record({ door: fc.constantFrom('cli', 'wsapi'), op: fc.constantFrom('create', 'delete'), name: fc.constantFrom(...names) });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 12 }), async (steps) => {
        const emu = emulator();
        const c = await loggedIn(emu);
        const { run } = cli(emu);
        for (const s of steps) {
          let r: WsapiReply | ReturnType<typeof run>;
          if (s.door === 'cli') r = run(s.op === 'create' ? `createhost ${s.name} ${wwn(s.name)}` : `removehost ${s.name}`);
          else r = s.op === 'create' ? await c.post('/hosts', { name: s.name, FCWWNs: [wwn(s.name)] }) : await c.delete(`/hosts/${s.name}`);
          void r;
          const viaRest = ((await c.get('/hosts')).body.members as { name: string }[]).map((h) => h.name).sort();
          const shown = run('showhost').lines;
          const viaCli = shown[0] === 'No hosts listed' ? [] : shown.slice(1).map((l) => l.trim().split(/\s+/)[1]!).filter((n) => names.includes(n)).sort();
          expect(viaCli).toEqual(viaRest);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('the CLI never breaks on input', () => {
  it('random command lines (known commands, options, names, numbers, quotes) always answer lines, never throw', () => {
    const names = ['showvv', 'showcpg', 'showhost', 'createhost', 'removehost', 'setqos', 'createsched', 'setsched', 'removesched', 'showsched', 'showrcopy', 'admitrcopylink', 'dismissrcopylink', 'admitrcopytarget', 'dismissrcopytarget', 'dismissrcopyvv', 'srstatld', 'showvlun', 'showport', 'showwsapi', 'showwsapisession', 'removewsapisession', 'createdomain', 'showdomain', 'showpatch', 'showsys', 'showversion', 'showhostset', 'setclienv', 'Tpd::rtpd', 'exit', 'nosuch'];
    const word = fc.oneof(
      fc.constantFrom(...names),
      fc.constantFrom('-f', '-d', '-io', '-bw', '-persona', '-iscsi', '-hist', '-cpg', '-daily', '-btsecs', '-7d', '-s', '-name', '-suspend', '-host', '-t', '-a', '-zz', '--'),
      fc.constantFrom('FC_r1', 'vvset:x', 'sys:all_others', '10000000C9AABB01', 'iqn.1993-08.org.debian:01:x', '0:3:1:10.0.0.1', '@daily', '"0 * * * *"', '"a b', "'q'", '3par-emu-02', 'rcg'),
      fc.integer({ min: -5, max: 70000 }).map(String),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(fc.array(word, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 8 }), (lines) => {
        const { run } = cli(emulator({ fixture: 'pair' }), 'primary');
        for (const l of lines) {
          const r = run(l.join(' '));
          expect(Array.isArray(r.lines)).toBe(true);
          for (const x of r.lines) expect(typeof x).toBe('string');
        }
      }),
      { numRuns: 300 },
    );
  });
});
