import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** `npm start`'s command line (package.json). */
function startScript(): string {
  const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8')) as { scripts: { start: string } };
  return pkg.scripts.start;
}

/**
 * The node flags `npm start` gives the bot, the same as the production command's (the Dockerfile,
 * the systemd unit; test/ops/production.test.ts checks they agree), so that what the benchmarks
 * measure is the bot as it runs in production. See docs/benchmarks.md for each flag.
 */
export function startFlags(): string[] {
  return startScript()
    .split(/\s+/)
    .filter((a) => /^--[a-z-]+=\S+$/.test(a));
}

/** The environment variables `npm start` sets before node (glibc's malloc settings), likewise. */
export function startEnv(): Record<string, string> {
  const script = startScript();
  const before = script.slice(0, Math.max(0, script.indexOf('exec ')));
  return Object.fromEntries([...before.matchAll(/\b([A-Z_]+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]));
}

export interface Child<T> {
  ready: T;
  /** Writes one line to the child's standard input and resolves with the next JSON line it prints. */
  ask<R>(line: string): Promise<R>;
  stop(): Promise<void>;
}

/**
 * Starts a bench script (bench/app-server.ts, bench/slack-fake-server.ts) in a child process of
 * its own, with `npm start`'s node flags and environment, and waits for the JSON line it prints
 * when ready. The child runs at nice 10: it yields the CPU to the load generator, so what the load generator
 * times is the servers' answers, not its own wait for a core (in production Slack is elsewhere).
 */
export async function startChild<T>(script: string, args: string[]): Promise<Child<T>> {
  const child = spawn(process.execPath, [...startFlags(), '--import', 'tsx', fileURLToPath(new URL(script, import.meta.url)), ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, ...startEnv() },
  });
  if (child.pid) setPriority(child.pid, 10);
  const lines: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    if (!line.startsWith('{')) return;
    const w = waiting.shift();
    if (w) w(line);
    else lines.push(line);
  });
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      const queued = lines.shift();
      if (queued !== undefined) return resolve(queued);
      const onExit = (code: number | null) => reject(new Error(`${script} exited with ${code}`));
      child.once('exit', onExit);
      waiting.push((line) => {
        child.off('exit', onExit);
        resolve(line);
      });
    });
  const ready = JSON.parse(await nextLine()) as T;
  return {
    ready,
    ask: async <R>(line: string) => {
      const reply = nextLine();
      child.stdin!.write(`${line}\n`);
      return JSON.parse(await reply) as R;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
