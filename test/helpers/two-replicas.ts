import { afterAll, beforeAll, expect } from 'vitest';
import { fixedClock } from '../../src/infra/clock.js';
import { writeProposalForm } from '../../src/proposals/slack/form.js';
import { writeForm } from '../../src/worldcafe/slack/modals.js';
import { startTestApp, type TestApp } from './app.js';
import { startSlackFake, type SlackCall, type SlackFake } from './slack-fake.js';
import { blockActionPayload, post, signedCommand, signedInteraction, viewSubmissionPayload } from './slack-requests.js';

/**
 * Two replicas of the bot on one REDIS_URL, and the steps people take through either of them
 * (a proposal form opened and submitted, a World Café session created and clicked), for the
 * shared-state tests (shared-state-flows.ts and the fault tests).
 */

export const ADMIN = 'U0ADMIN01';
export const EVENTS_CHANNEL = 'C0EVENTS';
export const PROPOSALS_CHANNEL = 'C0PROPOSALS';
export const content = (c: SlackCall) => JSON.stringify([c.args.text ?? '', c.args.blocks ?? '', c.args.chunks ?? '']);

export interface Replicas {
  a: TestApp;
  b: TestApp;
  slack: SlackFake;
  clock: ReturnType<typeof fixedClock>;
}

/** Two complete bots on one REDIS_URL, sharing a (synchronised) clock; stopped after the file. */
export function useTwoReplicas(redisUrl: () => string, start = '2026-07-01T08:00:00+09:00'): Replicas {
  const r = { clock: fixedClock(start) } as Replicas;
  beforeAll(async () => {
    r.slack = await startSlackFake();
    const env = {
      redisUrl: redisUrl(),
      slackApiUrl: r.slack.apiUrl,
      clock: r.clock,
      extraEnv: { ADMIN_USER_IDS: ADMIN, EVENTS_CHANNEL, PROPOSALS_CHANNEL },
    };
    [r.a, r.b] = await Promise.all([startTestApp(env), startTestApp(env)]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([r.a?.stop(), r.b?.stop()]);
    await r.slack?.stop();
  });
  return r;
}

/** view.state.values of the proposal form. */
const proposalValues = (title: string) =>
  writeProposalForm({ title, category: 'service', problem: '待ち時間が分からず、区民の方が不安に感じています。', body: '番号札の発券状況を待合のモニターに表示します。', effect: '待ち時間の不安が減ります。' });

/** Opens the proposal form on one replica and returns what submitting it (on `via`) needs. */
export async function openProposalForm(r: Replicas, app: TestApp, userId: string): Promise<{ privateMetadata: string }> {
  const trigger = `trig.${userId}.${Math.random().toString(36).slice(2)}`;
  const res = await post(app.eventsUrl, signedCommand({ command: '/proposal', text: '', user_id: userId, trigger_id: trigger, response_url: r.slack.responseUrl('p') }));
  expect(res.status).toBe(200);
  const [open] = await r.slack.waitFor('views.open', (c) => c.args.trigger_id === trigger);
  return { privateMetadata: open!.args.view.private_metadata as string };
}

/**
 * Submits the form; resolves with the proposal number the user was shown, or undefined when the
 * bot answered with an inline error (nothing acknowledged).
 */
export async function submitProposal(app: TestApp, userId: string, form: { privateMetadata: string }, title: string): Promise<string | undefined> {
  const res = await post(
    app.eventsUrl,
    signedInteraction(viewSubmissionPayload({ userId, callbackId: 'proposal_submit', privateMetadata: form.privateMetadata, values: proposalValues(title), viewId: `V${userId}` })),
  );
  if (res.status !== 200 || !res.text) return undefined;
  const body = JSON.parse(res.text) as { response_action?: string; view?: unknown };
  if (body.response_action !== 'update') return undefined;
  return /提案-\d{4}-\d{4}/.exec(JSON.stringify(body.view))?.[0];
}

/** Creates a World Café session through the admin form; returns its id and channel message ts. */
export async function createSession(r: Replicas, opts: { theme: string; date: string; capacity: number }): Promise<{ id: string; messageTs: string }> {
  const trigger = `trig.new.${Math.random().toString(36).slice(2)}`;
  await post(r.a.eventsUrl, signedCommand({ command: '/worldcafe', text: 'new', user_id: ADMIN, trigger_id: trigger, response_url: r.slack.responseUrl('new') }));
  const [open] = await r.slack.waitFor('views.open', (c) => c.args.trigger_id === trigger);
  const created = await post(
    r.b.eventsUrl,
    signedInteraction(
      viewSubmissionPayload({
        userId: ADMIN,
        callbackId: 'worldcafe_new',
        privateMetadata: open!.args.view.private_metadata,
        // The view id makes a re-submission idempotent: one per session created here (Slack ids are upper case).
        viewId: `V${trigger.slice(-8).toUpperCase()}`,
        values: writeForm({ theme: opts.theme, kind: 'worldcafe', date: opts.date, start: '18:30', end: '20:00', deadline_date: null, deadline_time: null, place: '区役所 5階 会議室', capacity: String(opts.capacity) }),
      }),
    ),
  );
  expect(created.status).toBe(200);
  const [message] = await r.slack.waitFor('chat.postMessage', (c) => c.args.channel === EVENTS_CHANNEL && content(c).includes(opts.theme));
  const session = (await r.a.bot.services.worldcafe.listUpcoming()).find((s) => s.theme === opts.theme)!;
  expect(session.messageTs ?? message!.args.ts).toBeTruthy();
  return { id: session.id, messageTs: session.messageTs! };
}

export function clickSession(r: Replicas, app: TestApp, userId: string, action: 'worldcafe_join' | 'worldcafe_leave', s: { id: string; messageTs: string }, tag: string) {
  return post(
    app.eventsUrl,
    signedInteraction(blockActionPayload({ userId, actionId: action, value: s.id, channelId: EVENTS_CHANNEL, messageTs: s.messageTs, responseUrl: r.slack.responseUrl(tag) })),
  );
}
