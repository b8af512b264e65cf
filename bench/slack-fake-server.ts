import { startSlackFake, type SlackCall } from '../test/helpers/slack-fake.js';

// Goes away with the benchmark that started it, even when that one is killed.
process.stdin.on('end', () => process.exit(0)).resume();

/**
 * Child process of the benchmarks (bench/children.ts): the loopback Slack fake in a process of
 * its own, so that answering the bot's Web API and response_url calls costs the load generator
 * nothing. Prints `{"baseUrl": …, "apiUrl": …}` when ready. GET /__stats answers
 * `{"calls": n, "answers": n}`: calls the bot made so far, and the questions it has answered —
 * a response_url call carrying a plan answer (/plan), a finished stream (chat.stopStream) or a
 * message carrying an answer (mentions and DMs).
 */
const ANSWER_MARK = '元気アップ会議';

async function main(): Promise<void> {
  const fake = await startSlackFake();
  let calls = 0;
  let answers = 0;
  // A streamed answer ends with one chat.stopStream; an answer not streamed is one message.
  const isAnswer = (c: SlackCall): boolean =>
    c.method === 'chat.stopStream' || ((c.method === 'response_url' || c.method === 'chat.postMessage') && c.raw.includes(ANSWER_MARK));
  fake.on('/__stats', () => {
    // Count, then forget: a long run must not grow this process without bound.
    for (const c of fake.calls) {
      if (c.method === '/__stats') continue; // the bench's own requests, not the bot's
      calls += 1;
      if (isAnswer(c)) answers += 1;
    }
    fake.calls.length = 0;
    return { body: { calls, answers } };
  });
  process.stdout.write(JSON.stringify({ baseUrl: fake.baseUrl, apiUrl: fake.apiUrl }) + '\n');
  process.once('SIGTERM', () => void fake.stop().finally(() => process.exit(0)));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
