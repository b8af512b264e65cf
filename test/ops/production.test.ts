import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/infra/redis-server.js';
import { checkAof, leftAfter, listening, spawnBot, stopBot, type BotProcess } from '../helpers/bot-process.js';
import { startSlackFake, type SlackFake } from '../helpers/slack-fake.js';
import { post, signedCommand, TEST_SIGNING_SECRET } from '../helpers/slack-requests.js';

/**
 * The production run, as the Dockerfile and the systemd unit do it, on this machine:
 *   1. `npm run build` (TypeScript → dist/, with the dev dependencies of this checkout);
 *   2. in an empty directory: what the Dockerfile's last stage copies (package files, prompts/,
 *      dist/), then `npm ci --omit=dev` — production dependencies only; Node.js 24 is one of
 *      them (the `node` package), so the machine's own Node does not matter;
 *   3. settings from a `.env` file in that directory, nothing in the environment but PATH/HOME;
 *   4. the Dockerfile's CMD exactly, on plain node: it answers, and SIGTERM stops it cleanly.
 * The only test of its kind (an install takes ~25 s): it reuses npm's cache (--prefer-offline).
 * The Dockerfile and the unit themselves are not run here (no container runtime, no systemd).
 */
const REPO = process.cwd();

/** The JSON array of the Dockerfile's CMD, what its last stage copies from the checkout, its MALLOC_* settings. */
function dockerfile(): { cmd: string[]; copies: string[]; malloc: Record<string, string>; text: string } {
  const text = readFileSync(join(REPO, 'Dockerfile'), 'utf8');
  const last = text.slice(text.lastIndexOf('\nFROM '));
  const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(last)![1]!) as string[];
  const copies = [...last.matchAll(/^COPY (?!--from)(\S+) /gm)].map((m) => m[1]!);
  return { cmd, copies, malloc: mallocSettings([...last.matchAll(/^ENV (.*)$/gm)].map((m) => m[1]!).join(' ')), text };
}

/** The glibc malloc settings (MALLOC_*=…) among space-separated assignments. */
function mallocSettings(assignments: string): Record<string, string> {
  return Object.fromEntries([...assignments.matchAll(/\b(MALLOC_\w+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]));
}

function run(command: string, args: string[], cwd: string): Promise<{ code: number | null; out: string; ms: number }> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => resolve({ code, out, ms: Date.now() - t0 }));
  });
}

describe('operations: the production install and start', () => {
  const app = mkdtempSync(join(tmpdir(), 'minato-prod-'));
  let slack: SlackFake;
  let port: number;
  let bot: BotProcess;
  let install: { code: number | null; out: string; ms: number };

  beforeAll(async () => {
    slack = await startSlackFake();
    port = await freePort();
    const build = await run('npm', ['run', 'build', '--', '--outDir', join(app, 'dist')], REPO);
    expect(build.code, build.out).toBe(0);
    // The deps stage: the package files, then `npm ci --omit=dev`; the last stage adds the rest.
    for (const path of ['package.json', 'package-lock.json', ...dockerfile().copies]) cpSync(join(REPO, path), join(app, path), { recursive: true });
    install = await run('npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], app);
    expect(install.code, install.out).toBe(0);
    console.log(JSON.stringify({ figure: 'production_install_ms', value: install.ms, build_ms: build.ms }));
    writeFileSync(
      join(app, '.env'),
      [
        '# as an operator writes it (see .env.example)',
        'SLACK_BOT_TOKEN=xoxb-test-token',
        `SLACK_SIGNING_SECRET=${TEST_SIGNING_SECRET}`,
        `SLACK_API_URL=${slack.apiUrl}`,
        `PORT=${port}`,
        'DATA_DIR=./data',
        '',
      ].join('\n'),
      { mode: 0o600 },
    );
  }, 300_000);
  afterAll(async () => {
    if (bot && bot.child.exitCode === null) bot.kill('SIGKILL');
    await slack?.stop();
    rmSync(app, { recursive: true, force: true });
  });

  it('installs production dependencies only, Node.js 24 among them', async () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    // @types/* come along with the Slack SDK's own dependencies; every dev tool stays out.
    for (const dev of Object.keys(pkg.devDependencies).filter((d) => !d.startsWith('@types/'))) expect(existsSync(join(app, 'node_modules', dev)), `${dev} must not be installed`).toBe(false);
    const node = await run(join(app, 'node_modules', '.bin', 'node'), ['--version'], app);
    expect(node.out.trim()).toMatch(/^v24\./);
  });

  it("starts with the Dockerfile's CMD on plain node, settings from .env, and answers", async () => {
    const { cmd, malloc } = dockerfile();
    const [exe, ...args] = cmd.map((a) => a.replace(/^\/app\//, `${app}/`));
    // The container's environment has the image's memory settings (its ENV); the rest comes from .env.
    bot = spawnBot(exe!, args, { cwd: app, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...malloc } });
    await bot.waitForLog('minato-navi started');
    expect([...bot.tree().values()].some((c) => c.includes('tsx'))).toBe(false);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const res = await post(`http://127.0.0.1:${port}/slack/events`, signedCommand({ command: '/plan', text: '元気アップ会議とは？', response_url: slack.responseUrl('prod') }));
    expect(res.status).toBe(200);
    const [answer] = await slack.waitFor('response_url', (c) => c.path === '/respond/prod');
    // The plan text itself (prompts/plan.md) is there in the production layout.
    expect(answer!.raw).toContain('4(2)');
  });

  it('SIGTERM to that process: exit 0 within 10 s, nothing left, the AOF is valid', async () => {
    const sent = Date.now();
    const { code, ms } = await stopBot(bot);
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
    expect([...(await leftAfter(bot, 10_000, sent)).values()]).toEqual([]);
    expect(await listening(port)).toBe(false);
    const aof = checkAof(join(app, 'data'));
    expect(aof.ok, aof.output).toBe(true);
    console.log(JSON.stringify({ figure: 'production_stop_ms', value: ms }));
  });

  it('the Dockerfile and the systemd unit wrap exactly that command (they are not run here)', () => {
    const { cmd, malloc, text } = dockerfile();
    expect(text.match(/^FROM /gm)!.length).toBeGreaterThanOrEqual(2);
    expect(text).toMatch(/^USER (?!root)\w+/m);
    expect(text).toMatch(/^HEALTHCHECK [\s\S]*\/healthz/m);
    expect(text).toMatch(/^VOLUME \["\/data"\]/m);
    expect(text).toMatch(/DATA_DIR=\/data/);
    const unit = readFileSync(join(REPO, 'deploy', 'minato-navi.service'), 'utf8');
    const exec = /^ExecStart=(.*)$/m.exec(unit)![1]!.split(' ');
    expect(exec.map((a) => a.replace('/opt/minato-navi/', '/app/'))).toEqual(cmd);
    expect(mallocSettings([...unit.matchAll(/^Environment=(.*)$/gm)].map((m) => m[1]!).join(' '))).toEqual(malloc);
    expect(unit).toMatch(/^KillSignal=SIGTERM$/m);
    expect(unit).toMatch(/^Restart=on-failure$/m);
  });

  it('npm start runs with the same node flags and memory settings as the production command', () => {
    const start = (JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
    const { cmd, malloc } = dockerfile();
    expect(Object.keys(malloc).length).toBeGreaterThan(0);
    expect(mallocSettings(start.slice(0, start.indexOf(' exec ')))).toEqual(malloc);
    expect(start.split(' ').filter((a) => /^--[a-z-]+=/.test(a))).toEqual(cmd.filter((a) => a.startsWith('--')));
  });
});
