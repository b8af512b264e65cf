import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { silentLogger } from '../src/infra/logger.js';
import { SlackHttpReceiver } from '../src/slack/http-receiver.js';
import { startTestApp } from '../test/helpers/app.js';
import { TEST_SIGNING_SECRET } from '../test/helpers/slack-requests.js';
import { memoryMap } from './memory-map.js';

/**
 * Child process of the benchmarks (bench/children.ts): serves Slack requests on a free loopback
 * port, so that the load generator and the fakes do not share the server's event loop (as in
 * production).
 *
 *   tsx bench/app-server.ts real <redisUrl> <slackApiUrl> [openaiBaseUrl]   the real app (startTestApp)
 *   tsx bench/app-server.ts bare <slackApiUrl>                              a bare Bolt App that only acks
 *   tsx bench/app-server.ts bare-own-receiver <slackApiUrl>                 the same on the bot's own receiver
 *
 * Prints one line `{"url": "http://127.0.0.1:PORT/slack/events"}` when ready. Reads commands
 * from standard input, one per line: `mem` prints `{"rss": bytes, "heapUsed": bytes}` after full
 * garbage collections; `map` prints where the resident memory is (bench/memory-map.ts) with
 * `process.memoryUsage()` in MB; `release` runs V8's last-resort collection (which also
 * hands its pooled pages back to the system) and prints what `mem` prints. Stops on SIGTERM, and
 * when standard input closes (the benchmark that started it is gone).
 */

/** A Bolt App that only acks, on Bolt's HTTPReceiver or on the bot's own receiver. */
async function startBare(slackApiUrl: string, ownReceiver: boolean): Promise<{ url: string; stop(): Promise<unknown> }> {
  const receiver = ownReceiver
    ? new SlackHttpReceiver({ signingSecret: TEST_SIGNING_SECRET, logger: silentLogger })
    : new HTTPReceiver({ signingSecret: TEST_SIGNING_SECRET, endpoints: '/slack/events', logLevel: LogLevel.ERROR });
  const app = new App({ token: 'xoxb-test-token', receiver, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl } });
  app.command(/.*/, async ({ ack }) => {
    await ack();
  });
  const server = (await app.start(0)) as Server;
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/slack/events`, stop: () => app.stop() };
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function settledMemory(): { rss: number; heapUsed: number } {
  for (let i = 0; i < 4; i++) gc();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}

const mb = (bytes: number) => Math.round(bytes / 104857.6) / 10;

const commands: Record<string, () => unknown> = {
  mem: settledMemory,
  map: () => {
    settledMemory();
    const { heapTotal, heapUsed, external, arrayBuffers } = process.memoryUsage();
    return { ...memoryMap(), heapTotal: mb(heapTotal), heapUsed: mb(heapUsed), external: mb(external), arrayBuffers: mb(arrayBuffers) };
  },
  release: () => {
    (gc as unknown as (o: { type: string; flavor: string }) => void)({ type: 'major', flavor: 'last-resort' });
    return settledMemory();
  },
};

async function main(): Promise<void> {
  const [mode, a, b, c] = process.argv.slice(2);
  const server =
    mode === 'real'
      ? await startTestApp({ redisUrl: a!, slackApiUrl: b!, openaiBaseUrl: c }).then((t) => ({ url: t.eventsUrl, stop: () => t.stop() }))
      : await startBare(a!, mode === 'bare-own-receiver');
  const stop = () => void server.stop().finally(() => process.exit(0));
  const input = createInterface({ input: process.stdin });
  input.on('line', (line) => {
    const command = commands[line.trim()];
    if (command) process.stdout.write(JSON.stringify(command()) + '\n');
  });
  input.once('close', stop);
  process.once('SIGTERM', stop);
  process.stdout.write(JSON.stringify({ url: server.url }) + '\n');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
