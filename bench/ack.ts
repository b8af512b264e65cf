import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startRedisServer } from '../src/infra/redis-server.js';
import { signedCommand, type SignedRequest } from '../test/helpers/slack-requests.js';
import { median, percentile, round, sleep } from './stats.js';
import { startFlags } from './rss.js';
import type { Bench, Figure } from './types.js';

/**
 * ack_p99_ms: 200 concurrent signed `/plan` slash commands on loopback against the real app in
 * HTTP mode (private redis-server, loopback Slack fake, no model key: extractive answers).
 * ack_p99_ms_bare_bolt: the same burst against a bare Bolt App (HTTPReceiver) that only acks.
 * The app, the bare app and the Slack fake each run in a child process of their own, so this
 * process only generates load and times it, and no server shares another's event loop (as in
 * production). Trials alternate between the two after warm-up bursts; each figure is the median
 * of the trials' p99s, and ack_ratio is the median of the per-trial ratios.
 */

const CONCURRENCY = 200;
const WARMUP = 4;
const TRIALS = 21;
const QUESTION = '元気アップ会議とは？';

/** Starts a bench script in a child process and waits for the JSON line it prints when ready. */
async function startChild<T>(script: string, args: string[]): Promise<T & { stop(): Promise<void> }> {
  const child = spawn(process.execPath, [...startFlags(), '--import', 'tsx', fileURLToPath(new URL(script, import.meta.url)), ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  // The servers (app, bare app, Slack fake alike) yield the CPU to the load generator, so what it
  // times is the servers' answers, not its own wait for a core (in production Slack is elsewhere).
  if (child.pid) setPriority(child.pid, 10);
  const ready = await new Promise<T>((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line) as T);
    });
  });
  child.removeAllListeners('exit');
  return {
    ...ready,
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

let burstNo = 0;

/**
 * A lean POST (node:http, a fresh connection each, as a load balancer's would be): the time from
 * sending to the whole response, in ms. Lighter than fetch, so the load generator is not the
 * bottleneck it measures.
 */
function postTimed(url: string, req: SignedRequest): Promise<{ status: number; ms: number }> {
  const u = new URL(url);
  const body = Buffer.from(req.body);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const r = request(
      { host: u.hostname, port: u.port, path: u.pathname, method: 'POST', agent: false, headers: { ...req.headers, 'content-length': body.length } },
      (res) => {
        res.resume();
        res.once('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }));
      },
    );
    r.once('error', reject);
    r.end(body);
  });
}

interface Slack {
  baseUrl: string;
  apiUrl: string;
}

async function stats(slack: Slack): Promise<{ calls: number; answers: number }> {
  return (await fetch(`${slack.baseUrl}/__stats`)).json() as Promise<{ calls: number; answers: number }>;
}

/** One burst: CONCURRENCY signed commands from as many users, all sent at once. Returns the ack p99 (ms). */
async function burst(url: string, slack: Slack, trial: string, expectAnswers = false): Promise<number> {
  burstNo += 1;
  const requests = Array.from({ length: CONCURRENCY }, (_, i) =>
    signedCommand({
      command: '/plan',
      text: QUESTION,
      // A fresh user per question: the per-user question rate limit must not kick in.
      user_id: `UB${String(burstNo).padStart(3, '0')}X${String(i).padStart(4, '0')}`,
      response_url: `${slack.baseUrl}/respond/${trial}-${i}`,
    }),
  );
  const before = (await stats(slack)).answers;
  const results = await Promise.all(requests.map((r) => postTimed(url, r)));
  const bad = results.filter((r) => r.status !== 200);
  if (bad.length > 0) throw new Error(`ack bench: ${bad.length} of ${CONCURRENCY} requests got HTTP ${bad[0]!.status}`);
  if (expectAnswers) {
    // Let the work that follows the acks finish before the next burst, and make sure the app really
    // answered every question (not refused them), or the figure would mean nothing.
    let answered = 0;
    const deadline = Date.now() + 60_000;
    while ((answered = (await stats(slack)).answers - before) < CONCURRENCY && Date.now() < deadline) await sleep(50);
    if (answered < CONCURRENCY) throw new Error(`ack bench: the app answered ${answered} of ${CONCURRENCY} questions`);
  }
  // Let whatever follows the acks settle before the next burst.
  const settleBy = Date.now() + 15_000;
  let calls = -1;
  for (let now = (await stats(slack)).calls; now !== calls && Date.now() < settleBy; now = (await stats(slack)).calls) {
    calls = now;
    await sleep(150);
  }
  return percentile(
    results.map((r) => r.ms),
    99,
  );
}

const bench: Bench = async () => {
  const redis = await startRedisServer();
  const slack = await startChild<Slack>('./slack-fake-server.ts', []);
  const [app, bare] = await Promise.all([startChild<{ url: string }>('./ack-server.ts', ['real', redis.url, slack.apiUrl]), startChild<{ url: string }>('./ack-server.ts', ['bare', slack.apiUrl])]);
  try {
    for (let i = 0; i < WARMUP; i++) {
      await burst(bare.url, slack, `wb${i}`);
      await burst(app.url, slack, `wa${i}`, true);
    }
    const appP99: number[] = [];
    const bareP99: number[] = [];
    const ratios: number[] = [];
    for (let i = 0; i < TRIALS; i++) {
      // Alternate which goes first, so neither always runs on a warmer process.
      const first = i % 2 === 0;
      const b1 = first ? await burst(bare.url, slack, `b${i}`) : undefined;
      const a = await burst(app.url, slack, `a${i}`, true);
      const b = b1 ?? (await burst(bare.url, slack, `b${i}`));
      appP99.push(a);
      bareP99.push(b);
      ratios.push(a / b);
      if (process.env.BENCH_VERBOSE) console.error(`trial ${i}: app ${a.toFixed(1)} bare ${b.toFixed(1)}`);
      await sleep(50);
    }
    const figures: Figure[] = [
      { name: 'ack_p99_ms', value: round(median(appP99)), unit: 'ms' },
      { name: 'ack_p99_ms_bare_bolt', value: round(median(bareP99)), unit: 'ms' },
      { name: 'ack_ratio', value: round(median(ratios), 3), unit: 'ratio' },
    ];
    return figures;
  } finally {
    await bare.stop();
    await app.stop();
    await slack.stop();
    await redis.stop();
  }
};

export default bench;
