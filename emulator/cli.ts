import { Command, InvalidArgumentError, Option } from 'commander';
import { readFileSync } from 'node:fs';
import pino from 'pino';
import { startEmulator, DEFAULT_SEED } from './server.ts';
import { DEFAULT_FIXTURE } from './fixtures.ts';

function integer(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be an integer from ${min} to ${max}`);
    return n;
  };
}

const program = new Command()
  .name('3par-emulator')
  .description('An emulated HPE 3PAR array answering the WSAPI (/api/v1) like the real one.')
  .addOption(new Option('--host <address>', 'address to listen on').env('EMULATOR_HOST').default('127.0.0.1'))
  .addOption(new Option('--port <n>', 'WSAPI port of the first array (the next arrays use the following ports; 0 = any free port)').env('EMULATOR_PORT').default(8080).argParser(integer('--port', 0, 65535)))
  .addOption(new Option('--fixture <name|path>', 'array profile: a name from fixtures/ or a path to a fixture file').env('EMULATOR_FIXTURE').default(DEFAULT_FIXTURE))
  .addOption(new Option('--seed <n>', 'seed for generated keys, ids and uuids').env('EMULATOR_SEED').default(DEFAULT_SEED).argParser(integer('--seed', 0, 2 ** 31 - 1)))
  .addOption(new Option('--tls', 'serve HTTPS like the array (self-signed certificate unless --tls-cert/--tls-key); default: the fixture\'s wsapi.tls').env('EMULATOR_TLS'))
  .addOption(new Option('--no-tls', 'serve plain HTTP even if the fixture says HTTPS'))
  .addOption(new Option('--tls-cert <path>', 'PEM certificate to serve (implies --tls)').env('EMULATOR_TLS_CERT'))
  .addOption(new Option('--tls-key <path>', 'PEM private key of --tls-cert').env('EMULATOR_TLS_KEY'))
  .addOption(new Option('--ssh-port <n>', 'SSH port of the first array\'s CLI (default: WSAPI port + 1000; 0 = any free port)').env('EMULATOR_SSH_PORT').argParser(integer('--ssh-port', 0, 65535)))
  .addOption(new Option('--no-ssh', 'serve the WSAPI only, no CLI over SSH'))
  .addOption(new Option('--state-file <path>', 'keep the arrays in this file: loaded at start, saved after every change').env('EMULATOR_STATE_FILE'))
  .addOption(new Option('--log-level <level>', 'log level (debug adds request bodies, secrets redacted)').env('EMULATOR_LOG_LEVEL').choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'))
  .showHelpAfterError();

program.parse();
const host = (url: string) => new URL(url).hostname.replace(/^\[|\]$/g, '');
const opts = program.opts<{ host: string; port: number; fixture: string; seed: number; logLevel: string; tls?: boolean; tlsCert?: string; tlsKey?: string; stateFile?: string; sshPort?: number; ssh: boolean }>();
const logger = pino({ level: opts.logLevel, base: { service: '3par-emulator' } });

try {
  if ((opts.tlsCert === undefined) !== (opts.tlsKey === undefined)) throw new Error('--tls-cert and --tls-key go together');
  const tls = opts.tlsCert !== undefined ? { cert: readFileSync(opts.tlsCert, 'utf8'), key: readFileSync(opts.tlsKey!, 'utf8') } : opts.tls;
  const emulator = await startEmulator({
    host: opts.host,
    port: opts.port,
    ...(opts.ssh ? { sshPort: opts.sshPort ?? (opts.port === 0 ? 0 : opts.port + 1000) } : {}),
    fixture: opts.fixture,
    seed: opts.seed,
    logger,
    ...(tls !== undefined ? { tls } : {}),
    ...(opts.stateFile !== undefined ? { stateFile: opts.stateFile } : {}),
  });
  for (const a of emulator.arrays) {
    const fixtureArray = emulator.fixture.arrays.find((f) => (f.key ?? f.profile.name) === a.key)!;
    const admin = fixtureArray.users.find((u) => u.role === 'super') ?? fixtureArray.users[0]!;
    const p = emulator.fabric.array(a.key).profile;
    console.log(`3PAR emulator ${p.name} (${p.model}, ${p.systemVersion}) WSAPI at ${a.url}${a.sshPort !== undefined ? `  CLI ssh -p ${a.sshPort} ${admin.name}@${host(a.url)}` : ''}  user ${admin.name} password ${admin.password}`);
  }
  if (emulator.certificate) console.log(`certificate: GET ${emulator.url.replace('/api/v1', '')}/_emulator/certificate (give it to clients as their CA file)`);
  logger.info({ arrays: emulator.arrays, fixture: opts.fixture, seed: opts.seed }, 'listening');
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
} catch (err) {
  logger.fatal({ err }, 'could not start');
  console.error(`3par-emulator: ${(err as Error).message}`);
  process.exit(1);
}
