import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/infra/redis-server.js';
import { startOpenAIFake, type OpenAIFake, planReply } from '../helpers/openai-fake.js';
import { useRedis } from '../helpers/redis.js';
import { startSlackFake, type SlackFake } from '../helpers/slack-fake.js';
import { post, signedCommand, TEST_SIGNING_SECRET } from '../helpers/slack-requests.js';
import { waitUntil } from '../helpers/wait.js';

/**
 * `npm start` (tsx src/main.ts) as a child process, pointed at loopback fakes. A /plan question
 * is in flight (the model takes 2 s) when SIGTERM arrives: the bot stops taking new requests,
 * still delivers that answer, closes Redis and exits with code 0 within 10 s.
 */
describe('fault: SIGTERM during a request', () => {
  const redis = useRedis();
  let slack: SlackFake;
  let ai: OpenAIFake;
  let child: ChildProcess;
  let port: number;
  let out = '';
  const logs = () =>
    out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, any>);

  beforeAll(async () => {
    slack = await startSlackFake();
    ai = await startOpenAIFake();
    ai.handle(() => ({
      delayMs: 2_000,
      content: planReply({
        citations: [{ section: '4(2)②', quote: '元気アップ会議' }],
        found: true,
        answer: '元気アップ会議は、職場の課題を話し合う場です。',
      }),
    }));
    port = await freePort();
    child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'src/main.ts'], {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        SLACK_BOT_TOKEN: 'xoxb-test-token',
        SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        REDIS_URL: redis.url,
        PORT: String(port),
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: ai.baseUrl,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    await waitUntil(() => logs().some((l) => l.msg === 'minato-navi started'), `the bot to start; output so far:\n${out}`, 20_000);
  });
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await slack?.stop();
    await ai?.stop();
  });

  it('finishes the answer in flight, refuses new work, closes Redis and exits 0 within 10 s', async () => {
    const url = `http://127.0.0.1:${port}/slack/events`;
    const ack = await post(url, signedCommand({ command: '/plan', text: '元気アップ会議とは？', response_url: slack.responseUrl('inflight') }));
    expect(ack.status).toBe(200);
    await ai.waitForRequests(1);
    // The model is now working on it (2 s). Stop the bot.
    const exited = new Promise<{ code: number | null; at: number }>((resolve) => child.once('exit', (code) => resolve({ code, at: Date.now() })));
    const sentAt = Date.now();
    child.kill('SIGTERM');
    await expect.poll(() => logs().some((l) => l.msg === 'shutting down'), { timeout: 5_000, interval: 20 }).toBe(true);
    await new Promise((r) => setTimeout(r, 200));

    // No new work: the listening socket is closed.
    const late = await post(url, signedCommand({ command: '/plan', text: '３つの心構えとは？' })).then(
      (r) => r.status,
      () => 'refused',
    );
    expect(late).toBe('refused');

    const { code, at } = await exited;
    expect(code).toBe(0);
    expect(at - sentAt).toBeLessThan(10_000);

    // The question in flight was still answered, before the exit.
    const answers = slack.callsTo('response_url').filter((c) => c.raw.includes('元気アップ会議'));
    expect(answers.length).toBeGreaterThanOrEqual(1);
    expect(answers[0]!.at).toBeLessThanOrEqual(at);
    expect(ai.chatRequests.length).toBe(1);

    // Redis was closed in order (the stop sequence ran to its end), and the bot's connections are gone.
    expect(logs().some((l) => l.msg === 'minato-navi stopped')).toBe(true);
    const clients = (await redis.client.client('LIST')) as string;
    expect(clients.trim().split('\n').length).toBe(1); // only this test's own connection
  });
});
