import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { configSchema } from '../../src/config.js';
import { post, signedCommand } from './slack-requests.js';

/**
 * The bot as an operator runs it: a real process tree started by the command they type
 * (`npm start`, or the production command), with nothing but the environment they give it.
 * Records every process started under it while it runs, so that a test can say afterwards that
 * none of them is left.
 */
export interface BotProcess {
  /** The process the operator started (npm, or node for the production command). */
  readonly pid: number;
  readonly child: ChildProcess;
  /** Everything printed so far, stdout and stderr. */
  output(): string;
  /** The JSON log lines printed so far. */
  logs(): Record<string, any>[];
  /** The lines that are not JSON logs (npm's banner, the bot's one-line errors). */
  plainLines(): string[];
  waitForLog(match: string | RegExp, timeoutMs?: number): Promise<Record<string, any>>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** Every process seen under `pid` so far: pid → command line. */
  tree(): Map<number, string>;
  /** Those of them still running (zombies count as gone). */
  alive(): Map<number, string>;
  kill(signal?: NodeJS.Signals): void;
}

/**
 * The environment a bot process gets: PATH and HOME (npm's cache), what the test gives, and every
 * other variable of the configuration set empty (= unset), so that a developer's own `.env` in the
 * repository cannot leak into a test.
 */
export function botEnv(extra: Record<string, string>): Record<string, string> {
  const unset = Object.fromEntries(Object.keys(configSchema.shape).map((k) => [k, '']));
  return { ...unset, PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', LOG_LEVEL: 'info', ...extra };
}

/** `npm start` in the repository, as the README says. */
export function npmStart(env: Record<string, string>, cwd = process.cwd()): BotProcess {
  return spawnBot('npm', ['start'], { cwd, env: botEnv(env) });
}

export function spawnBot(command: string, args: string[], o: { cwd: string; env: Record<string, string> }): BotProcess {
  const child = spawn(command, args, { cwd: o.cwd, env: o.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const seen = new Map<number, string>();
  const record = () => {
    for (const [pid, cmd] of descendants(child.pid!)) seen.set(pid, cmd);
  };
  const sampler = setInterval(record, 100);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => {
    child.once('exit', (code, signal) => {
      clearInterval(sampler);
      resolve({ code, signal, at: Date.now() });
    });
  });
  const lines = () => out.split('\n').filter((l) => l.trim() !== '');
  const logs = () =>
    lines()
      .filter((l) => l.startsWith('{'))
      .flatMap((l) => {
        try {
          return [JSON.parse(l) as Record<string, any>];
        } catch {
          return [];
        }
      });
  const find = (match: string | RegExp) => logs().find((l) => (typeof match === 'string' ? l.msg === match : match.test(String(l.msg))));
  record();
  return {
    pid: child.pid!,
    child,
    output: () => out,
    logs,
    plainLines: () => lines().filter((l) => !l.startsWith('{')),
    waitForLog: async (match, timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = find(match);
        if (hit) return hit;
        if (child.exitCode !== null || child.signalCode !== null) throw new Error(`the bot exited (${child.exitCode ?? child.signalCode}) before logging ${String(match)}:\n${out}`);
        if (Date.now() > deadline) throw new Error(`no log ${String(match)} within ${timeoutMs} ms:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    exited,
    tree: () => {
      if (child.exitCode === null) record();
      return new Map(seen);
    },
    alive: () => new Map([...seen].filter(([pid, cmd]) => isRunning(pid, cmd))),
    kill: (signal = 'SIGTERM') => {
      child.kill(signal);
    },
  };
}

/** pid → command line of every live process under `root` (itself included). */
export function descendants(root: number): Map<number, string> {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = safeRead(`/proc/${name}/stat`);
    // "pid (comm) state ppid …": comm may hold spaces and parentheses.
    const ppid = Number(stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    if (ppid) parent.set(Number(name), ppid);
  }
  const out = new Map<number, string>();
  const walk = (pid: number) => {
    out.set(pid, commandLine(pid));
    for (const [p, pp] of parent) if (pp === pid && !out.has(p)) walk(p);
  };
  if (isRunning(root)) walk(root);
  return out;
}

function safeRead(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function commandLine(pid: number): string {
  return (safeRead(`/proc/${pid}/cmdline`) ?? '').split('\0').join(' ').trim();
}

/** Running, not a zombie, and (when given) still the same program. */
export function isRunning(pid: number, cmd?: string): boolean {
  const stat = safeRead(`/proc/${pid}/stat`);
  if (!stat) return false;
  const state = stat.slice(stat.lastIndexOf(')') + 2)[0];
  if (state === 'Z' || state === 'X') return false;
  return cmd === undefined || commandLine(pid) === cmd;
}

/** The redis-server processes whose working directory is `dir` (redis-server chdirs to its --dir). */
export function redisServersOn(dir: string): number[] {
  return readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .map(Number)
    .filter((pid) => {
      try {
        return commandLine(pid).startsWith('redis-server') && readlinkSync(`/proc/${pid}/cwd`) === dir && isRunning(pid);
      } catch {
        return false;
      }
    });
}

/** True when something accepts connections on 127.0.0.1:port. */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** `redis-check-aof` on the append-only file of a data directory, as an operator would run it. */
export function checkAof(dataDir: string): { ok: boolean; output: string } {
  const r = spawnSync('redis-check-aof', [join(dataDir, 'appendonlydir', 'appendonly.aof.manifest')], { encoding: 'utf8' });
  return { ok: r.status === 0 && /All AOF files and manifest are valid/.test(r.stdout), output: `${r.stdout}${r.stderr}` };
}

/** Whether the data directory's lock is free (flock -n succeeds), as a second server would find it. */
export function lockIsFree(dataDir: string): boolean {
  return spawnSync('flock', ['-n', join(dataDir, '.lock'), 'true']).status === 0;
}

/** SIGTERM, then wait for the exit; returns how long the stop took. */
export async function stopBot(bot: BotProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<{ code: number | null; ms: number }> {
  const sent = Date.now();
  bot.kill(signal);
  const { code, at } = await bot.exited;
  return { code, ms: at - sent };
}

/** Waits until none of the processes is left (or the time is up) and returns those still running. */
export async function leftAfter(bot: BotProcess, withinMs: number, since = Date.now()): Promise<Map<number, string>> {
  while (Date.now() - since < withinMs) {
    if (bot.alive().size === 0) return new Map();
    await new Promise((r) => setTimeout(r, 50));
  }
  return bot.alive();
}

/**
 * A signed slash command to a bot on 127.0.0.1:port, answered through a response_url of the
 * Slack fake; resolves with the text of the answer.
 */
export async function slashCommand(
  port: number,
  slack: { responseUrl(id: string): string; waitFor(method: string, p: (c: { path: string }) => boolean): Promise<{ args: Record<string, any> }[]> },
  fields: { command: string; text: string; channel_id?: string },
  id: string,
): Promise<string> {
  const res = await post(`http://127.0.0.1:${port}/slack/events`, signedCommand({ ...fields, response_url: slack.responseUrl(id) }));
  if (res.status !== 200) throw new Error(`${fields.command} ${fields.text}: HTTP ${res.status}`);
  const [reply] = await slack.waitFor('response_url', (c) => c.path === `/respond/${id}`);
  return String(reply!.args.text ?? '');
}
