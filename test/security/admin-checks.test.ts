import { App } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { fixedClock } from '../../src/infra/clock.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { useRedis } from '../helpers/redis.js';
import { startSlackFake, type SlackCall, type SlackFake } from '../helpers/slack-fake.js';
import { blockActionPayload, post, signedCommand, signedInteraction, viewSubmissionPayload, type SignedRequest } from '../helpers/slack-requests.js';
import { stateFrom } from '../helpers/view-state.js';

/**
 * Admin rights are checked on the server for every command, action and view submission, not
 * only by hiding buttons. Every action and view callback the app registers is either marked
 * `admin: true` in its feature's route table (the router refuses everyone else) or listed here as
 * open to staff, with the reason; a new one that is neither fails the first test, and so does an
 * admin route that lost its mark.
 *
 * Each admin-only surface is then driven twice with the very same request: first by a staff
 * member — a forged click or a form posted by hand — which must change nothing in Redis, make no
 * Slack call beyond telling them privately that it is for 管理者, and open nothing; then by an
 * admin, which must take effect (so the request was a real one, and the refusal was the check).
 */

const ADMIN = 'U0ADMIN01';
const STAFF = 'U0STAFF01';
const PROPOSALS_CHANNEL = 'C0PROPOSALS';
const EVENTS_CHANNEL = 'C0EVENTS';

const STAFF_ACTIONS: Record<string, string> = {
  plan_feedback_up: 'anyone rates an answer they got',
  plan_feedback_down: 'anyone rates an answer they got',
  proposal_vote: '共感: one vote per person',
  proposal_new_open: 'anyone opens the proposal form',
  proposal_edit_open: 'the proposer edits their own (owner checked on the server)',
  announce_join: 'staff sign up to an announced initiative',
  announce_link: 'a link button (acked only)',
  worldcafe_join: 'staff join a session',
  worldcafe_leave: 'staff cancel their own seat',
  worldcafe_calendar: 'a confirmed attendee gets the .ics',
  worldcafe_survey: 'a confirmed attendee opens the post-session survey (attendance checked on the server)',
};
const STAFF_VIEWS: Record<string, string> = {
  proposal_submit: 'anyone submits a proposal',
  proposal_edit: 'the proposer edits their own (owner checked on the server)',
  worldcafe_survey_submit: 'a confirmed attendee answers the survey (attendance checked on the server)',
};

/** Keys that change by themselves (job schedulers, rate limits, event claims): not state a request owns. */
const VOLATILE = /^(\{minato\}:|rl:|slack:event:|bull:|\{wc\}:flush:)/;

type Registration = { kind: 'action' | 'view'; id: string; admin: boolean };

describe('security: admin rights are checked on the server, everywhere', () => {
  const redis = useRedis();
  const clock = fixedClock('2026-07-01T10:00:00+09:00'); // a Wednesday
  const registered: Registration[] = [];
  let slack: SlackFake;
  let t: TestApp;
  let proposalId = '';
  let sessionId = '';
  const opened: Record<string, Record<string, any>> = {};

  async function snapshot(): Promise<Map<string, string>> {
    const keys = (await redis.client.keys('*')).filter((k) => !VOLATILE.test(k)).sort();
    const out = new Map<string, string>();
    for (const k of keys) out.set(k, ((await redis.client.dumpBuffer(k)) ?? Buffer.alloc(0)).toString('hex'));
    return out;
  }

  /** Keys added, removed or changed between two snapshots. */
  function diff(a: Map<string, string>, b: Map<string, string>): string[] {
    const out: string[] = [];
    for (const [k, v] of a) if (!b.has(k)) out.push(`- ${k}`);
    else if (b.get(k) !== v) out.push(`~ ${k}`);
    for (const k of b.keys()) if (!a.has(k)) out.push(`+ ${k}`);
    return out;
  }

  /** Calls a refused request may make: telling the person privately. */
  const privateReply = (c: SlackCall) =>
    c.method === 'response_url' ||
    c.method === 'chat.postEphemeral' ||
    c.method === 'conversations.open' ||
    c.method === 'auth.test' ||
    (c.method === 'chat.postMessage' && /^(D|U)/.test(String(c.args.channel)));

  const viewOpened = (callbackId: string) => async () => {
    const calls = slack.callsTo('views.open').filter((c) => c.args.view?.callback_id === callbackId);
    if (calls.length === 0) return false;
    opened[callbackId] = calls.at(-1)!.args.view;
    return true;
  };

  const command = (command: string, text: string) => (user: string) =>
    signedCommand({ command, text, user_id: user, channel_id: 'C0GENERAL', response_url: slack.responseUrl(`${command}-${user}`) });
  const click = (actionId: string, value: () => string) => (user: string) =>
    signedInteraction(blockActionPayload({ userId: user, actionId, value: value(), channelId: 'C0GENERAL', messageTs: '1700000000.000100', responseUrl: slack.responseUrl(`${actionId}-${user}`) }));
  const overflow = (actionId: string, value: () => string) => (user: string) => {
    const payload = blockActionPayload({ userId: user, actionId, channelId: EVENTS_CHANNEL, messageTs: '1700000000.000100', responseUrl: slack.responseUrl(`${actionId}-${user}`) });
    payload.actions = [{ type: 'overflow', action_id: actionId, block_id: 'b1', selected_option: { text: { type: 'plain_text', text: 'x' }, value: value() }, action_ts: String(Date.now() / 1000) }];
    return signedInteraction(payload);
  };
  type Overrides = Record<string, string | string[] | null>;
  const submit = (callbackId: string, overrides: Overrides | ((view: Record<string, any>) => Overrides) = {}) => (user: string) => {
    const view = opened[callbackId];
    if (!view) throw new Error(`no ${callbackId} view was opened by the admin step before`);
    const values = stateFrom(view, typeof overrides === 'function' ? overrides(view) : overrides);
    return signedInteraction(viewSubmissionPayload({ userId: user, callbackId, privateMetadata: view.private_metadata, values }));
  };
  /** The value of the n-th option of a select or radio group in `view`. */
  const nthOption = (view: Record<string, any>, blockId: string, n = 0): string =>
    (view.blocks as { block_id?: string; element?: { options?: { value: string }[] } }[]).find((b) => b.block_id === blockId)!.element!.options![n]!.value;

  interface Row {
    name: string;
    request: (user: string) => SignedRequest;
    /** What shows the admin's request took effect (besides Redis changing, when `changes`). */
    effect?: (ackBody: string) => Promise<boolean> | boolean;
    /** The admin's request changes stored state under keys like these. */
    changes?: RegExp;
    /** After the admin's request, e.g. keep the view it pushed. */
    after?: (ackBody: string) => void;
  }

  const ROWS: Row[] = [
    { name: 'command /proposal export', request: command('/proposal', 'export'), effect: () => slack.callsTo('files.completeUploadExternal').length > 0 },
    { name: 'command /morning closed add', request: command('/morning', 'closed add 2026-07-22 臨時の休業日'), changes: /^morning:/ },
    {
      name: 'command /announce list',
      request: command('/announce', 'list'),
      effect: () => slack.callsTo('response_url').some((c) => JSON.stringify(c.args).includes('予約中のお知らせ')),
    },
    { name: 'action proposal_status_open', request: click('proposal_status_open', () => proposalId), effect: viewOpened('proposal_status') },
    { name: 'view proposal_status', request: submit('proposal_status', (v) => ({ status: nthOption(v, 'status') })), changes: /^\{proposals\}:/ },
    { name: 'command /worldcafe new', request: command('/worldcafe', 'new'), effect: viewOpened('worldcafe_new') },
    {
      name: 'view worldcafe_new',
      request: submit('worldcafe_new', { theme: '職場の風通しを語ろう', date: '2026-07-15', start: '18:30', end: '20:00', place: '会議室', capacity: '5' }),
      changes: /^\{wc[}:]/,
    },
    { name: 'action worldcafe_admin (capacity)', request: overflow('worldcafe_admin', () => `capacity:${sessionId}`), effect: viewOpened('worldcafe_capacity') },
    { name: 'view worldcafe_capacity', request: submit('worldcafe_capacity', { capacity: '20' }), changes: /^\{wc[}:]/ },
    { name: 'action worldcafe_admin (reschedule)', request: overflow('worldcafe_admin', () => `reschedule:${sessionId}`), effect: viewOpened('worldcafe_reschedule') },
    { name: 'view worldcafe_reschedule', request: submit('worldcafe_reschedule', { start: '19:00', end: '20:30' }), changes: /^\{wc[}:]/ },
    { name: 'command /announce', request: command('/announce', ''), effect: viewOpened('announce_compose') },
    {
      name: 'view announce_compose',
      request: submit('announce_compose', (v) => ({ initiative: nthOption(v, 'initiative'), title: '元気アップ会議のご案内', body: '第３回の元気アップ会議を開きます。', channels: ['C0GENERAL'], when: nthOption(v, 'when', 1), date: '2026-07-20', time: '09:00' })),
      effect: (ack) => /"response_action":"(push|update)"/.test(ack) && ack.includes('announce_preview'),
      after: (ack) => {
        opened.announce_preview = (JSON.parse(ack) as { view: Record<string, any> }).view;
      },
    },
    { name: 'view announce_preview', request: submit('announce_preview'), changes: /^announce:/ },
    { name: 'action announce_cancel', request: click('announce_cancel', () => announcementId), changes: /^announce:/ },
    { name: 'action worldcafe_admin (cancel)', request: overflow('worldcafe_admin', () => `cancel:${sessionId}`), effect: viewOpened('worldcafe_cancel') },
    { name: 'view worldcafe_cancel', request: submit('worldcafe_cancel'), changes: /^\{wc[}:]/ },
    { name: 'command /report', request: command('/report', ''), effect: () => reportDms() > 0 },
    { name: 'command /report 2026-06', request: command('/report', '2026-06'), effect: () => reportDms() > 0 },
    { name: 'action report_full', request: click('report_full', () => '2026-07'), effect: () => reportDms() > 0 },
    { name: 'action report_full_last', request: click('report_full_last', () => '2026-06'), effect: () => reportDms() > 0 },
  ];
  /** Monthly reports DMed since the row's Slack calls were reset. */
  const reportDms = () => slack.callsTo('chat.postMessage').filter((c) => String(c.args.text).includes('月次レポート')).length;
  let announcementId = '';

  beforeAll(async () => {
    slack = await startSlackFake();
    const action = vi.spyOn(App.prototype, 'action');
    const view = vi.spyOn(App.prototype, 'view');
    t = await startTestApp({ redisUrl: redis.url, slackApiUrl: slack.apiUrl, clock, extraEnv: { ADMIN_USER_IDS: ADMIN, PROPOSALS_CHANNEL, EVENTS_CHANNEL } });
    // Actions and views are registered once per kind, as patterns over the ids of their route
    // tables (src/slack/router.ts): the ids taken are the table ids those patterns match.
    const patterns = (calls: unknown[][], field: 'action_id' | 'callback_id') =>
      calls.map(([c]) => (typeof c === 'object' && !(c instanceof RegExp) ? (c as Record<string, string | RegExp>)[field] : c) as string | RegExp);
    const taken = (ids: string[], ps: (string | RegExp)[]) => ids.filter((id) => ps.some((p) => (typeof p === 'string' ? p === id : p.test(id))));
    const actionPatterns = patterns(action.mock.calls, 'action_id');
    const viewPatterns = patterns(view.mock.calls, 'callback_id');
    const { buttons = {}, overflows = {}, views = {} } = t.bot.routes;
    const actionRoutes = { ...buttons, ...overflows };
    for (const id of taken(Object.keys(actionRoutes), actionPatterns)) registered.push({ kind: 'action', id, admin: actionRoutes[id]?.admin === true });
    for (const id of taken(Object.keys(views), viewPatterns)) registered.push({ kind: 'view', id, admin: views[id]?.admin === true });
    // Nothing beyond the tables is taken.
    for (const p of [...actionPatterns, ...viewPatterns]) expect(typeof p === 'string' || !p.test('not_a_registered_id')).toBe(true);
    action.mockRestore();
    view.mockRestore();

    // Something for the admin actions to act on: a proposal (by staff) and a session (by the admin).
    await post(t.eventsUrl, command('/proposal', '')(STAFF));
    const [form] = await slack.waitFor('views.open', (c) => c.args.view?.callback_id === 'proposal_submit');
    const created = await post(
      t.eventsUrl,
      signedInteraction(
        viewSubmissionPayload({
          userId: STAFF,
          callbackId: 'proposal_submit',
          privateMetadata: form!.args.view.private_metadata,
          values: stateFrom(form!.args.view, { title: '窓口の待ち時間を表示する', category: 'service', problem: '待ち時間が分かりません。', body: 'モニターに表示します。', effect: '不安が減ります。', anonymous: [] }),
        }),
      ),
    );
    proposalId = /提案-\d{4}-\d{4}/.exec(created.text)?.[0] ?? '';
    expect(proposalId).not.toBe('');
    await post(t.eventsUrl, command('/worldcafe', 'new')(ADMIN));
    const [wc] = await slack.waitFor('views.open', (c) => c.args.view?.callback_id === 'worldcafe_new');
    await post(
      t.eventsUrl,
      signedInteraction(
        viewSubmissionPayload({
          userId: ADMIN,
          callbackId: 'worldcafe_new',
          privateMetadata: wc!.args.view.private_metadata,
          values: stateFrom(wc!.args.view, { theme: '区民目線を語ろう', date: '2026-07-10', start: '18:30', end: '20:00', place: '会議室', capacity: '3' }),
        }),
      ),
    );
    sessionId = (await t.bot.services.worldcafe.listUpcoming())[0]!.id;
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await t?.stop();
    await slack?.stop();
  });

  it('classifies every registered action and view as admin-only (in its route table) or open to staff', () => {
    const staff = { action: STAFF_ACTIONS, view: STAFF_VIEWS };
    expect(registered.filter((r) => r.admin).length).toBeGreaterThan(0);
    for (const r of registered) {
      if (r.admin) expect(staff[r.kind][r.id], `${r.kind} ${r.id} is admin-only but listed as open to staff`).toBeUndefined();
      else expect(staff[r.kind][r.id], `${r.kind} ${r.id} is neither admin: true in its route table nor listed as open to staff here`).toBeDefined();
    }
    for (const kind of ['action', 'view'] as const) {
      for (const id of Object.keys(staff[kind])) expect(registered.some((r) => r.kind === kind && r.id === id), `${kind} ${id} is listed here but no longer registered`).toBe(true);
    }
    // Every admin-only action and view is exercised below.
    const driven = ROWS.map((r) => r.name);
    for (const r of registered.filter((x) => x.admin)) expect(driven.some((n) => n.includes(` ${r.id}`)), `${r.id} has no row`).toBe(true);
  });

  for (const row of ROWS) {
    it(`${row.name}: refused for staff (nothing changes), effective for an admin`, async () => {
      if (row.name.includes('announce_cancel')) {
        announcementId = (await t.bot.services.announce.list()).scheduled[0]?.id ?? '';
        expect(announcementId, 'the admin scheduled an announcement in the step before').not.toBe('');
      }
      await new Promise((r) => setTimeout(r, 150)); // let background work from earlier steps settle
      const before = await snapshot();
      slack.reset();

      const refused = await post(t.eventsUrl, row.request(STAFF));
      expect(refused.status).toBe(200);
      expect(refused.ms).toBeLessThan(3_000);
      // The staff member hears (privately) that this is for admins…
      await expect
        .poll(() => `${refused.text} ${slack.calls.filter(privateReply).map((c) => JSON.stringify(c.args)).join(' ')}`, { timeout: 5_000 })
        .toMatch(/管理者/);
      await new Promise((r) => setTimeout(r, 300));
      // …and nothing else happens: no stored change, no modal, no post to a channel, no file.
      expect(diff(before, await snapshot()), 'Redis keys changed by the refused request').toEqual([]);
      expect(slack.calls.filter((c) => !privateReply(c)).map((c) => `${c.method} ${String(c.args.channel ?? '')}`)).toEqual([]);
      if (row.effect) expect(await row.effect(refused.text)).toBe(false);

      // The same request from an admin does take effect.
      const done = await post(t.eventsUrl, row.request(ADMIN));
      expect(done.status).toBe(200);
      if (row.changes) {
        const changed = row.changes;
        await expect.poll(async () => diff(before, await snapshot()).some((d) => changed.test(d.slice(2))), { timeout: 5_000 }).toBe(true);
      }
      if (row.effect) await expect.poll(() => row.effect!(done.text), { timeout: 5_000 }).toBe(true);
      row.after?.(done.text);
    });
  }
});
