import { describe, expect, it } from 'vitest';
import { captureLogs } from '../helpers/log-capture.js';
import { useQaHarness } from '../helpers/qa-harness.js';
import { signedAs } from '../helpers/slack-payloads.js';
import { post, signedCommand } from '../helpers/slack-requests.js';

/**
 * Payloads the receiver's screen lets through (their shape is right) with hostile values, through
 * the real app on a real Redis: the person gets the inline or polite answer, nothing is stored,
 * nothing is logged at error level, and what the bot posts from such input is honest (no bidi
 * override, no control character, emoji whole, no ping). The malformed ones are in
 * hostile-payloads.test.ts.
 */

const logs = captureLogs('info');
const { redis, slack, app } = useQaHarness({ logger: logs.logger, extraEnv: { ADMIN_USER_IDS: 'U0ADMIN01', PROPOSALS_CHANNEL: 'C0PROPOSALS' } });

describe('security: well-formed payloads with hostile values get the polite answer', () => {
  const ADMIN = 'U0ADMIN01';
  const interaction = (payload: Record<string, unknown>) =>
    signedAs('interaction', { team: { id: 'T0MINATO', domain: 'minato' }, api_app_id: 'A0MINATO', user: { id: ADMIN, team_id: 'T0MINATO' }, trigger_id: '1.2.abc', ...payload });
  const wcForm = (date: string) => ({
    theme: { value: { type: 'plain_text_input', value: '区民目線を語ろう' } },
    kind: { value: { type: 'static_select', selected_option: { value: 'worldcafe' } } },
    date: { value: { type: 'datepicker', selected_date: date } },
    start: { value: { type: 'timepicker', selected_time: '18:30' } },
    end: { value: { type: 'timepicker', selected_time: '20:00' } },
    place: { value: { type: 'plain_text_input', value: '会議室' } },
    capacity: { value: { type: 'number_input', value: '10' } },
  });

  it.each(['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'])('the admin menu with "%s" opens no modal and says the request was not understood', async (what) => {
    slack.reset();
    logs.clear();
    const res = await post(
      app.eventsUrl,
      interaction({
        type: 'block_actions',
        response_url: slack.responseUrl('menu'),
        channel: { id: 'C0GENERAL' },
        container: { type: 'message' },
        message: { ts: '1700000000.000100' },
        actions: [{ type: 'overflow', action_id: 'worldcafe_admin', block_id: 'b', selected_option: { value: `${what}:0123456789ab` } }],
      }),
    );
    expect(res.status).toBe(200);
    const [reply] = await slack.waitFor('response_url');
    expect(reply!.args.text).toMatch(/この操作は受け付けられませんでした/);
    expect(slack.callsTo('views.open')).toEqual([]);
    expect(logs.lines.filter((l) => l.level >= 50)).toEqual([]);
  });

  it('/morning time with 10,000 characters quotes back only the first 40, and /morning with 10,000 the same', async () => {
    const morning = async (text: string) => {
      slack.reset();
      const res = await post(app.eventsUrl, signedCommand({ command: '/morning', text, channel_id: 'C0MORNING', user_id: 'U0STAFF01', response_url: slack.responseUrl('morning') }));
      expect(res.status).toBe(200);
      if (res.text) return String(JSON.parse(res.text).text);
      const [reply] = await slack.waitFor('response_url');
      return String(reply!.args.text);
    };
    await morning('subscribe');
    for (const text of [`time ${'9'.repeat(10_000)}`, '長'.repeat(10_000)]) {
      const reply = await morning(text);
      const quoted = /「([^」]*)」/.exec(reply)?.[1] ?? '';
      expect(quoted.length, reply.slice(0, 100)).toBeLessThanOrEqual(41);
      expect(quoted.endsWith('…')).toBe(true);
      expect(reply.length).toBeLessThan(1_000);
    }
  });

  it.each([
    ['worldcafe_new', '2026-13-01'],
    ['worldcafe_new', '2026-02-30'],
    ['worldcafe_reschedule', '2026-13-01'],
  ])('%s with the date %s: an inline 「日付が正しくありません」, nothing stored, no error', async (callbackId, date) => {
    const before = (await redis.client.keys('*')).filter((k) => !k.startsWith('{minato}:')).sort();
    logs.clear();
    const res = await post(
      app.eventsUrl,
      interaction({ type: 'view_submission', view: { id: 'V0WCFORM01', type: 'modal', callback_id: callbackId, private_metadata: JSON.stringify({ id: '0123456789ab' }), state: { values: wcForm(date) } } }),
    );
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors.date).toMatch(/^日付が正しくありません/);
    expect((await redis.client.keys('*')).filter((k) => !k.startsWith('{minato}:')).sort()).toEqual(before);
    expect(logs.lines.filter((l) => l.level >= 50)).toEqual([]);
  });
});

describe('security: what the bot posts from input is honest', () => {
  const FAMILY = '👨\u200D👩\u200D👧\u200D👦';
  const DISHONEST = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u200B\uFEFF]/;
  const posted = (channel: string) => slack.waitFor('chat.postMessage', (c) => c.args.channel === channel).then((calls) => JSON.stringify(calls.at(-1)!.args));
  const submitAs = (user: string, callbackId: string, values: Record<string, unknown>, privateMetadata: string) =>
    post(app.eventsUrl, signedAs('interaction', { type: 'view_submission', team: { id: 'T0MINATO' }, api_app_id: 'A0MINATO', user: { id: user }, trigger_id: '1.2.abc', view: { id: 'V0HONEST01', type: 'modal', callback_id: callbackId, private_metadata: privateMetadata, state: { values } } }));
  const text = (value: string) => ({ value: { type: 'plain_text_input', value } });

  it('a proposal titled 請求書\\u202Etxt.exe\\u202C is shared without the override; an emoji family stays whole', async () => {
    slack.reset();
    const res = await submitAs(
      'U0STAFF01',
      'proposal_submit',
      {
        title: text(`請求書\u202Etxt.exe\u202C ${FAMILY}`),
        category: { value: { type: 'static_select', selected_option: { value: 'service' } } },
        problem: text('課題\u0000です\u200B'),
        body: text(`提案 <!channel> \u2066です\u2069`),
        effect: text('効果'),
        anonymous: { value: { type: 'checkboxes', selected_options: [] } },
      },
      JSON.stringify({ mode: 'new', token: 'honest-1' }),
    );
    expect(JSON.parse(res.text).response_action).toBe('update');
    const post = await posted('C0PROPOSALS');
    // Raw (JSON leaves these as they are) and escaped (JSON writes C0 controls as \u00XX).
    expect(post).not.toMatch(DISHONEST);
    expect(post).not.toMatch(/\\u00[01][0-9a-f]/i);
    expect(post).toContain('請求書txt.exe');
    expect(post).toContain(FAMILY);
    expect(post).not.toContain('<!channel>');
  });

  it('a session themed with NUL, controls and an override is announced without them', async () => {
    slack.reset();
    const day = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const res = await submitAs(
      'U0ADMIN01',
      'worldcafe_new',
      {
        theme: text('区民\u0000目線\u202Eを語ろう\u0007'),
        kind: { value: { type: 'static_select', selected_option: { value: 'worldcafe' } } },
        date: { value: { type: 'datepicker', selected_date: day } },
        start: { value: { type: 'timepicker', selected_time: '18:30' } },
        end: { value: { type: 'timepicker', selected_time: '20:00' } },
        place: text('会議室\u2066A\u2069\u001B'),
        capacity: { value: { type: 'number_input', value: '10' } },
      },
      JSON.stringify({ c: 'C0GENERAL' }),
    );
    expect(res.status).toBe(200);
    const post = await posted('C0GENERAL');
    expect(post).not.toMatch(DISHONEST);
    expect(post).not.toMatch(/\\u00[01][0-9a-f]/i);
    expect(post).toContain('区民目線を語ろう');
    expect(post).toContain('会議室A');
  });
});
