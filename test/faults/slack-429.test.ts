import { beforeEach, describe, expect, it } from 'vitest';
import { planReply } from '../helpers/openai-fake.js';
import { useQaHarness } from '../helpers/qa-harness.js';
import { tokyoDate } from '../../src/infra/clock.js';
import { BOT_USER_ID, type FakeReply, type SlackCall, type SlackFake } from '../helpers/slack-fake.js';
import { blockActionPayload, post, signedCommand, signedEvent, signedInteraction, viewSubmissionPayload } from '../helpers/slack-requests.js';
import { writeForm } from '../../src/worldcafe/slack/modals.js';
import { writeProposalForm } from '../../src/proposals/slack/form.js';

/**
 * Slack rate-limits the bot (HTTP 429, Retry-After: 1) on the first call of a kind. The bot
 * waits as told, tries again, and what it meant to post appears exactly once.
 */

const RATE_LIMITED: FakeReply = { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } };

/** Answers the first call of `method` with 429, the rest as usual. */
function limitOnce(slack: SlackFake, method: string): void {
  let first = true;
  slack.on(method, () => {
    if (!first) return undefined;
    first = false;
    return RATE_LIMITED;
  });
}

const content = (c: SlackCall) => JSON.stringify([c.args.text ?? '', c.args.blocks ?? '', c.args.chunks ?? '', c.args.markdown_text ?? '']);

describe('fault: Slack answers 429 with Retry-After', () => {
  const { slack, ai, app } = useQaHarness({ model: true, extraEnv: { PROPOSALS_CHANNEL: 'C0PROPOSALS', EVENTS_CHANNEL: 'C0EVENTS', ADMIN_USER_IDS: 'U0ADMIN01' } });
  ai.handle(() => ({
    content: planReply({
      citations: [{ section: '4(2)②', quote: '各職場から選出された若手職員を中心メンバーとする元気アップ会議を設置し' }],
      found: true,
      answer: '元気アップ会議は、各職場から選出された若手職員を中心とする会議です。',
    }),
  }));
  beforeEach(() => slack.reset());

  it('a streamed answer: waits out the 429 on chat.startStream and shows the answer once', async () => {
    limitOnce(slack, 'chat.startStream');
    await post(app.eventsUrl, signedEvent({ type: 'app_mention', user: 'U0STAFF01', channel: 'C0RATE', ts: '1700000600.000100', text: `<@${BOT_USER_ID}> 元気アップ会議とは？` }));
    await slack.waitFor('chat.stopStream', (c) => c.args.channel === 'C0RATE', 1, 15_000);
    const starts = slack.callsTo('chat.startStream').filter((c) => c.args.channel === 'C0RATE');
    expect(starts).toHaveLength(2);
    expect(starts[1]!.at - starts[0]!.at).toBeGreaterThanOrEqual(950);
    // One message in the thread: the stream. Nothing posted beside it.
    expect(slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0RATE')).toHaveLength(0);
    const shown = slack.calls.filter((c) => c.args.channel === 'C0RATE' && content(c).includes('若手職員を中心とする会議'));
    expect(shown.length).toBeGreaterThanOrEqual(1);
  });

  it('a shared proposal: waits out the 429 on chat.postMessage and posts it once', async () => {
    await post(app.eventsUrl, signedCommand({ command: '/proposal', user_id: 'U0STAFF02', response_url: slack.responseUrl('p') }));
    const [open] = await slack.waitFor('views.open');
    const view = open!.args.view;
    limitOnce(slack, 'chat.postMessage');
    const res = await post(
      app.eventsUrl,
      signedInteraction(
        viewSubmissionPayload({
          userId: 'U0STAFF02',
          callbackId: view.callback_id,
          privateMetadata: view.private_metadata,
          values: writeProposalForm({ title: '会議資料のペーパーレス化', category: 'cost', problem: '会議のたびに大量の資料を印刷しています。', body: '資料はタブレットで共有します。', effect: '用紙代と準備の時間が減ります。' }),
        }),
      ),
    );
    expect(res.status).toBe(200);
    const toChannel = () => slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0PROPOSALS');
    await expect.poll(() => toChannel().length, { timeout: 15_000 }).toBe(2);
    const [limited, posted] = toChannel();
    expect(posted!.at - limited!.at).toBeGreaterThanOrEqual(950);
    expect(content(posted!)).toContain('会議資料のペーパーレス化');
    // No third attempt, no duplicate.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(toChannel()).toHaveLength(2);
  });

  it('a World Café seat count: the 429 on chat.update is rescheduled, and the message still ends up current', async () => {
    await post(app.eventsUrl, signedCommand({ command: '/worldcafe', text: 'new', user_id: 'U0ADMIN01', response_url: slack.responseUrl('new') }));
    const [open] = await slack.waitFor('views.open');
    const date = tokyoDate(new Date(Date.now() + 30 * 86_400_000));
    const created = await post(
      app.eventsUrl,
      signedInteraction(
        viewSubmissionPayload({
          userId: 'U0ADMIN01',
          callbackId: open!.args.view.callback_id,
          privateMetadata: open!.args.view.private_metadata,
          values: writeForm({ theme: '窓口サービスを語ろう', kind: 'worldcafe', date: date, start: '18:30', end: '20:00', deadline_date: null, deadline_time: null, place: '区役所 5階 会議室', capacity: '10' }),
        }),
      ),
    );
    expect(created.status).toBe(200);
    const [announced] = await slack.waitFor('chat.postMessage', (c) => c.args.channel === 'C0EVENTS');
    const session = (await app.bot.services.worldcafe.listUpcoming())[0]!;
    limitOnce(slack, 'chat.update');
    await post(
      app.eventsUrl,
      signedInteraction(blockActionPayload({ userId: 'U0STAFF03', actionId: 'worldcafe_join', value: session.id, channelId: 'C0EVENTS', messageTs: session.messageTs!, responseUrl: slack.responseUrl('j') })),
    );
    const updates = () => slack.callsTo('chat.update').filter((c) => c.args.ts === session.messageTs);
    await expect.poll(() => updates().some((c, i) => i > 0 && content(c).includes('1/10')), { timeout: 20_000, interval: 100 }).toBe(true);
    const [limited, retried] = updates();
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(950);
    // The announcement itself was posted once; the 429 made no second message.
    expect(slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0EVENTS')).toEqual([announced]);
  });
});
