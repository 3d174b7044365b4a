import { generateKeyPairSync, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import ssh2, { type Connection, type ServerChannel } from 'ssh2';
import type { Logger } from 'pino';
import { CliSession, type LineResult, type ShellServices } from '../shell/session.ts';

/**
 * The array's second door: an SSH server whose shell is the array's CLI over the same fabric as the WSAPI.
 * Password authentication with the array's users; interactive shells (what python-3parclient opens) and exec
 * requests (`ssh user@array showvv`).
 */

let cachedHostKey: string | undefined;
/** One RSA host key per process unless the caller brings its own (generating one takes a noticeable moment). */
export function defaultHostKey(): string {
  cachedHostKey ??= generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey;
  return cachedHostKey;
}

export interface SshListener {
  readonly port: number;
  close(): Promise<void>;
}

/** How long an interactive client may stay silent before the shell shows its first prompt (cosmetic only). */
const FIRST_PROMPT_DELAY_MS = 300;

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function startSshServer(services: ShellServices, opts: { host: string; port: number; hostKey?: string; logger?: Logger }): Promise<SshListener> {
  const { fabric, arrayKey } = services;
  const clients = new Set<Connection>();
  let authenticated = 0;
  const server = new ssh2.Server({ hostKeys: [opts.hostKey ?? defaultHostKey()] }, (client: Connection) => {
    clients.add(client);
    client.on('close', () => clients.delete(client));
    let user: { name: string; role: 'super' | 'edit' | 'browse' } | undefined;
    client.on('authentication', (ctx) => {
      if (ctx.method !== 'password') return ctx.reject(['password']);
      const account = fabric.array(arrayKey).users[ctx.username];
      if (!account || !sameSecret(account.password, ctx.password)) return ctx.reject(['password']);
      const cap = fabric.array(arrayKey).profile.sshMaxSessions;
      if (cap !== undefined && authenticated >= cap) {
        ctx.reject([]);
        return void client.end();
      }
      user = { name: account.name, role: account.role };
      authenticated++;
      client.once('close', () => authenticated--);
      ctx.accept();
    });
    client.on('ready', () => {
      client.on('session', (acceptSession) => {
        const session = acceptSession();
        session.on('pty', (accept) => accept?.());
        session.on('env', (accept) => accept?.());
        session.on('window-change', (accept) => accept?.());
        const cli = () => new GuardedCli(new CliSession(services, { user: user!.name, role: user!.role }), opts.logger);
        session.on('shell', (accept) => runShell(accept(), cli()));
        session.on('exec', (accept, _reject, info) => runExec(accept(), cli(), info.command));
      });
    });
    client.on('error', (e) => opts.logger?.debug({ err: e.message, array: arrayKey }, 'ssh client error'));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        port,
        close: () =>
          new Promise<void>((r) => {
            server.close(() => r());
            // Open shells would keep the listener alive.
            for (const c of clients) c.end();
          }),
      });
    });
  });
}

/**
 * A command that throws is an emulator bug: the connection gets an error line and the log the stack, and the
 * process keeps serving (tests call CliSession directly, so such bugs still fail them).
 */
class GuardedCli {
  constructor(
    private readonly cli: CliSession,
    private readonly logger: Logger | undefined,
  ) {}
  prompt(): string {
    return this.cli.prompt();
  }
  execute(line: string): LineResult {
    try {
      return this.cli.execute(line);
    } catch (e) {
      this.logger?.error({ err: e, line }, 'CLI command failed inside the emulator');
      return { lines: ['Error: internal error in the emulator (see its log)'], ok: false };
    }
  }
}

/** `ssh user@array <command>`: no prompt, no echo; the exit status says whether the command succeeded. */
function runExec(stream: ServerChannel, cli: GuardedCli, command: string): void {
  const r = cli.execute(command);
  if (r.abort === 'hang') return;
  if (r.abort === 'reset') return void stream.destroy();
  const finish = () => {
    if (r.lines.length > 0) stream.write(r.lines.join('\n') + '\n');
    stream.exit(r.ok === false ? 1 : 0);
    stream.end();
  };
  if (r.delayMs) setTimeout(finish, r.delayMs);
  else finish();
}

/**
 * The interactive shell. A client that types ahead (python-3parclient writes "setclienv csvtable 1\n<cmd>\nexit\n"
 * at once) sees its input echoed by the terminal, then each line again after the prompt, then the output; a person
 * typing sees the prompt, their keystrokes, and the output. Lines are CRLF-terminated as on a pty.
 */
function runShell(stream: ServerChannel, cli: GuardedCli): void {
  let buf = '';
  let promptShown = false;
  let closed = false;
  let queue = Promise.resolve();
  const firstPrompt = setTimeout(() => {
    if (!closed && buf === '' && !promptShown) {
      stream.write(cli.prompt());
      promptShown = true;
    }
  }, FIRST_PROMPT_DELAY_MS);

  const handleLine = async (line: string, typedAfterPrompt: boolean) => {
    if (closed) return;
    if (!typedAfterPrompt) stream.write(cli.prompt() + line + '\r\n');
    promptShown = false;
    if (line.trim() === 'exit') {
      closed = true;
      clearTimeout(firstPrompt);
      stream.exit(0);
      stream.end();
      return;
    }
    const r = cli.execute(line);
    if (r.abort === 'hang') {
      closed = true;
      return;
    }
    if (r.abort === 'reset') {
      closed = true;
      stream.destroy();
      return;
    }
    if (r.delayMs) await new Promise((res) => setTimeout(res, r.delayMs));
    for (const l of r.lines) stream.write(l + '\r\n');
  };

  stream.on('data', (data: Buffer) => {
    if (closed) return;
    const chunk = data.toString('utf8');
    // The terminal echoes what arrives, as it arrives.
    stream.write(chunk.replace(/\r\n|\r|\n/g, '\r\n').replace(/\x7f/g, '\b \b'));
    // A line whose characters came in earlier chunks was typed at the prompt (and already echoed after it); a line
    // that arrives whole was typed ahead, and the shell shows it again after the prompt, as a real one does. This
    // keeps python-3parclient's fixed five lines before the output even if the first prompt was already out.
    const continuing = buf !== '';
    for (const ch of chunk) {
      if (ch === '\x7f' || ch === '\b') buf = buf.slice(0, -1);
      else if (ch === '\x03') buf = '';
      else buf += ch;
    }
    const parts = buf.split(/\r\n|\r|\n/);
    buf = parts.pop()!;
    const lines = parts;
    lines.forEach((line, i) => {
      const typed = i === 0 && continuing;
      queue = queue.then(() => handleLine(line, typed));
    });
    if (lines.length > 0) {
      queue = queue.then(() => {
        // A bare prompt waits for the next line unless more typed-ahead input is already here.
        if (!closed && buf === '') {
          stream.write(cli.prompt());
          promptShown = true;
        }
      });
    }
  });
  stream.on('close', () => {
    closed = true;
    clearTimeout(firstPrompt);
  });
}
