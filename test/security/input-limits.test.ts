import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../src/infra/clock.js';
import { useQaHarness } from '../helpers/qa-harness.js';
import { BOT_USER_ID } from '../helpers/slack-fake.js';
import { blockActionPayload, post, signedCommand, signedEvent, signedInteraction, viewSubmissionPayload } from '../helpers/slack-requests.js';
import { stateFrom } from '../helpers/view-state.js';

/**
 * Every input has a length limit, enforced by the server whatever the client sent:
 * - every text field of every modal the bot opens declares max_length (Slack's client stops
 *   typing there) and a form posted by hand with 5,000 characters in that field is refused
 *   inline, on that field, storing nothing;
 * - every slash command and a message to the bot survive 10,000 characters: acked within 3 s,
 *   a polite reply, nothing stored.
 */

const ADMIN = 'U0ADMIN01';
const STAFF = 'U0STAFF01';
const LONG = 'あ'.repeat(5_000);
const HUGE = '長'.repeat(10_000);
const VOLATILE = /^(\{minato\}:|rl:|slack:event:|bull:|\{wc\}:flush:|plan:asked:)/;

type View = Record<string, any>;
type Overrides = Record<string, string | string[] | null>;

describe('security: every input has a length limit', () => {
  const { redis, slack, app } = useQaHarness({ clock: fixedClock('2026-07-01T10:00:00+09:00'), extraEnv: { ADMIN_USER_IDS: ADMIN, PROPOSALS_CHANNEL: 'C0PROPOSALS', EVENTS_CHANNEL: 'C0EVENTS' } });
  /** callback_id → the view as the bot opened it, and the values that make it valid. */
  const forms: Record<string, { view: View; user: string; valid: (v: View) => Overrides }> = {};

  const nthOption = (view: View, blockId: string, n = 0): string =>
    (view.blocks as { block_id?: string; element?: { options?: { value: string }[] } }[]).find((b) => b.block_id === blockId)!.element!.options![n]!.value;

  async function snapshot(): Promise<string> {
    const keys = (await redis.client.keys('*')).filter((k) => !VOLATILE.test(k)).sort();
    const parts = await Promise.all(keys.map(async (k) => `${k}=${((await redis.client.dumpBuffer(k)) ?? Buffer.alloc(0)).toString('hex')}`));
    return parts.join('\n');
  }

  async function open(callbackId: string, trigger: () => Promise<unknown>, user: string, valid: (v: View) => Overrides): Promise<void> {
    await trigger();
    const [call] = await slack.waitFor('views.open', (c) => c.args.view?.callback_id === callbackId);
    forms[callbackId] = { view: call!.args.view, user, valid };
  }

  const submit = (callbackId: string, overrides: Overrides) => {
    const f = forms[callbackId]!;
    return post(
      app.eventsUrl,
      signedInteraction(viewSubmissionPayload({ userId: f.user, callbackId, privateMetadata: f.view.private_metadata, values: stateFrom(f.view, { ...f.valid(f.view), ...overrides }) })),
    );
  };
  const command = (command: string, text: string, user = STAFF) => post(app.eventsUrl, signedCommand({ command, text, user_id: user, response_url: slack.responseUrl(`${command}-${user}`) }));

  beforeAll(async () => {
    const proposalValid = (v: View) => ({ title: '窓口の待ち時間を表示する', category: nthOption(v, 'category'), problem: '待ち時間が分かりません。', body: 'モニターに表示します。', effect: '不安が減ります。', anonymous: [] });
    await open('proposal_submit', () => command('/proposal', ''), STAFF, proposalValid);
    const created = await submit('proposal_submit', {});
    const proposalId = /提案-\d{4}-\d{4}/.exec(created.text)![0];
    slack.reset();
    await open('proposal_edit', () => post(app.eventsUrl, signedInteraction(blockActionPayload({ userId: STAFF, actionId: 'proposal_edit_open', value: proposalId }))), STAFF, () => ({}));
    await open('proposal_status', () => post(app.eventsUrl, signedInteraction(blockActionPayload({ userId: ADMIN, actionId: 'proposal_status_open', value: proposalId }))), ADMIN, (v) => ({ status: nthOption(v, 'status') }));
    await open('worldcafe_new', () => command('/worldcafe', 'new', ADMIN), ADMIN, () => ({ theme: '区民目線を語ろう', date: '2026-07-10', start: '18:30', end: '20:00', place: '会議室', capacity: '3' }));
    await open('announce_compose', () => command('/announce', '', ADMIN), ADMIN, (v) => ({ initiative: nthOption(v, 'initiative'), title: 'お知らせ', body: '本文です。', channels: ['C0GENERAL'] }));
  });

  it('every text field of every modal declares a max_length (numbers a max_value)', () => {
    expect(Object.keys(forms).length).toBeGreaterThanOrEqual(5);
    for (const [id, { view }] of Object.entries(forms)) {
      for (const b of view.blocks as { type: string; block_id: string; element?: Record<string, any> }[]) {
        if (b.type !== 'input' || !b.element) continue;
        // url_text_input has no max_length in Block Kit: the server's limit is checked below.
        if (/text_input$/.test(b.element.type) && b.element.type !== 'url_text_input') {
          expect.soft(typeof b.element.max_length, `${id}.${b.block_id} has no max_length`).toBe('number');
          expect.soft(b.element.max_length ?? 0, `${id}.${b.block_id}`).toBeLessThanOrEqual(3_000);
        }
        if (b.element.type === 'number_input') expect(b.element.max_value, `${id}.${b.block_id} has no max_value`).toBeDefined();
      }
    }
  });

  it('refuses 5,000 characters in any text field posted by hand, inline on that field, storing nothing', async () => {
    let checked = 0;
    for (const [id, { view }] of Object.entries(forms)) {
      const textFields = (view.blocks as { type: string; block_id: string; element?: { type: string } }[]).filter(
        (b) => b.type === 'input' && b.element && /text_input$/.test(b.element.type),
      );
      for (const field of textFields) {
        const before = await snapshot();
        const res = await submit(id, { [field.block_id]: field.element!.type === 'url_text_input' ? `https://example.jp/${'a'.repeat(5_000)}` : LONG });
        expect(res.status).toBe(200);
        expect(res.ms).toBeLessThan(3_000);
        const ack = JSON.parse(res.text || '{}') as { response_action?: string; errors?: Record<string, string> };
        expect(ack.response_action, `${id}.${field.block_id}: ${res.text.slice(0, 200)}`).toBe('errors');
        expect(Object.keys(ack.errors ?? {}), `${id}.${field.block_id}`).toContain(field.block_id);
        await new Promise((r) => setTimeout(r, 100));
        expect(await snapshot(), `${id}.${field.block_id} stored something`).toBe(before);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(10);
  });

  it('survives 10,000 characters in every slash command and in a message to the bot', async () => {
    const cases: [string, string][] = [
      ['/plan', STAFF],
      ['/proposal', STAFF],
      ['/worldcafe', STAFF],
      ['/morning', STAFF],
      ['/announce', ADMIN],
    ];
    for (const [cmd, user] of cases) {
      slack.reset();
      const before = await snapshot();
      const res = await command(cmd, HUGE, user);
      expect(res.status, cmd).toBe(200);
      expect(res.ms, cmd).toBeLessThan(3_000);
      // A reply comes (in the ack, by response_url, or a form that Slack will accept)…
      await expect.poll(() => res.text.length > 0 || slack.calls.some((c) => c.method === 'response_url' || c.method === 'views.open'), { timeout: 5_000 }).toBe(true);
      for (const c of slack.callsTo('views.open')) {
        for (const b of c.args.view.blocks as { element?: { initial_value?: string; max_length?: number } }[]) {
          if (b.element?.initial_value !== undefined && b.element.max_length) expect(b.element.initial_value.length, cmd).toBeLessThanOrEqual(b.element.max_length);
        }
      }
      // …and none of it echoes the whole input back, or stores it.
      const echoed = slack.calls.some((c) => JSON.stringify(c.args).includes(HUGE.slice(0, 3_001)));
      expect.soft(echoed, `${cmd} echoed 10,000 characters`).toBe(false);
      expect.soft(await snapshot(), `${cmd} stored something`).toBe(before);
    }

    slack.reset();
    await post(app.eventsUrl, signedEvent({ type: 'app_mention', user: STAFF, channel: 'C0LONG', ts: '1782860000.000200', text: `<@${BOT_USER_ID}> ${HUGE}` }));
    await expect.poll(() => slack.calls.some((c) => c.args.channel === 'C0LONG' && /^chat\.(postMessage|stopStream)$/.test(c.method)), { timeout: 10_000 }).toBe(true);
    const shown = slack.calls.filter((c) => c.args.channel === 'C0LONG').map((c) => JSON.stringify(c.args)).join('');
    expect(shown).toMatch(/長すぎ|文字以内|短く/);
    expect(shown.length).toBeLessThan(5_000);
  });
});
