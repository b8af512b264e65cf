import { startSlackFake } from '../test/helpers/slack-fake.js';

// Goes away with the benchmark that started it, even when that one is killed.
process.stdin.on('end', () => process.exit(0)).resume();

/**
 * Child process of bench/ack.ts: the loopback Slack fake in a process of its own, so that
 * answering the bot's Web API and response_url calls costs the load generator nothing.
 * Prints `{"baseUrl": …, "apiUrl": …}` when ready. GET /__stats answers
 * `{"calls": n, "answers": n}`: calls the bot made so far, and its response_url calls carrying a
 * plan answer.
 */
async function main(): Promise<void> {
  const fake = await startSlackFake();
  let statsCalls = 0;
  fake.on('/__stats', () => {
    statsCalls += 1; // these requests are the bench's own, not the bot's
    return { body: { calls: fake.calls.length - statsCalls, answers: fake.callsTo('response_url').filter((c) => c.raw.includes('元気アップ会議')).length } };
  });
  // Keep only what /__stats needs: a long run must not grow this process without bound.
  process.stdout.write(JSON.stringify({ baseUrl: fake.baseUrl, apiUrl: fake.apiUrl }) + '\n');
  process.once('SIGTERM', () => void fake.stop().finally(() => process.exit(0)));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
