import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { startTestApp } from '../test/helpers/app.js';
import { TEST_SIGNING_SECRET } from '../test/helpers/slack-requests.js';

// Goes away with the benchmark that started it, even when that one is killed.
process.stdin.on('end', () => process.exit(0)).resume();

/**
 * Child process of bench/ack.ts: serves Slack requests on a free loopback port, so that the
 * load generator and the Slack fake do not share the server's event loop (as in production).
 *
 *   tsx bench/ack-server.ts real <redisUrl> <slackApiUrl>   the real app (startTestApp)
 *   tsx bench/ack-server.ts bare <slackApiUrl>              a bare Bolt App that only acks
 *
 * Prints one line `{"url": "http://127.0.0.1:PORT/slack/events"}` when ready; stops on SIGTERM.
 */

async function startBare(slackApiUrl: string): Promise<{ url: string; stop(): Promise<unknown> }> {
  const receiver = new HTTPReceiver({ signingSecret: TEST_SIGNING_SECRET, endpoints: '/slack/events', logLevel: LogLevel.ERROR });
  const app = new App({ token: 'xoxb-test-token', receiver, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl } });
  app.command(/.*/, async ({ ack }) => {
    await ack();
  });
  const server = (await app.start(0)) as Server;
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/slack/events`, stop: () => app.stop() };
}

async function main(): Promise<void> {
  const [mode, a, b] = process.argv.slice(2);
  const server =
    mode === 'real'
      ? await startTestApp({ redisUrl: a!, slackApiUrl: b! }).then((t) => ({ url: t.eventsUrl, stop: () => t.stop() }))
      : await startBare(a!);
  process.stdout.write(JSON.stringify({ url: server.url }) + '\n');
  process.once('SIGTERM', () => {
    void server.stop().finally(() => process.exit(0));
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
