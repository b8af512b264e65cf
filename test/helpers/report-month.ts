import { expect } from 'vitest';
import { builtinDayStatus } from '../../src/infra/calendar.js';
import { fromTokyo } from '../../src/infra/clock.js';
import { loadPlan } from '../../src/plan/corpus.js';
import { datesOf, monthIdOf, parseMonth, previousMonthId, type Month } from '../../src/report/month.js';
import type { TestApp } from './app.js';
import { planReply, type ChatRequest } from './openai-fake.js';
import type { SlackCall, SlackFake } from './slack-fake.js';
import { blockActionPayload, post, signedCommand, signedInteraction, viewSubmissionPayload } from './slack-requests.js';
import { stateFrom } from './view-state.js';

/**
 * Drives a month of activity through the bot the way staff and admins do — signed slash
 * commands, button clicks and modal submissions over HTTP, the morning job's own run — so the
 * monthly report can be checked against what was done. No key is written by hand.
 */

/** Last month of the real calendar: Redis expires data on its own clock, so the month is recent. */
export function recentMonth(): Month {
  return parseMonth(previousMonthId(monthIdOf(new Date())))!;
}

export function workingDays(month: Month): string[] {
  return datesOf(month).filter((d) => builtinDayStatus(d).workday);
}

export function closedDays(month: Month): { date: string; reason: string }[] {
  return datesOf(month).flatMap((d) => {
    const s = builtinDayStatus(d);
    return s.workday ? [] : [{ date: d, reason: s.reason! }];
  });
}

export const at = (date: string, time: string) => fromTokyo(date, time);

const plan = loadPlan();
/** A verbatim opening of a section of the plan, so the answerer's quote check passes. */
export const quoteOf = (section: string) => plan.byId.get(section)!.text.split('。')[0]!.slice(0, 50);

/** The model's answers, by the question's words: cited sections, or not covered by the plan. */
export function scriptedModel(answers: Record<string, string[]>) {
  return (req: ChatRequest) => {
    const last = String(req.body.messages?.at(-1)?.content ?? '');
    const q = /<question>\n?([\s\S]*?)\n?<\/question>/.exec(last)?.[1]?.trim() ?? '';
    const sections = Object.entries(answers).find(([k]) => q.includes(k))?.[1] ?? [];
    return sections.length
      ? { content: planReply({ citations: sections.map((s) => ({ section: s, quote: quoteOf(s) })), found: true, answer: `${sections.join('・')}に書かれています。` }) }
      : { content: planReply({ citations: [], found: false, answer: 'プランには記載がありません。' }) };
  };
}

let seq = 0;
const uniq = () => `${Date.now().toString(36)}-${++seq}`;

export class Driver {
  constructor(
    private readonly slack: SlackFake,
    private readonly replicas: TestApp[],
  ) {}

  private app(i = 0): TestApp {
    return this.replicas[i % this.replicas.length]!;
  }

  /** A slash command; returns its response_url id. */
  async command(user: string, command: string, text: string, opts: { channel?: string; replica?: number } = {}): Promise<{ id: string; ack: string }> {
    const id = `${command.slice(1)}-${uniq()}`;
    const res = await post(this.app(opts.replica).eventsUrl, signedCommand({ command, text, user_id: user, channel_id: opts.channel ?? 'C0GENERAL', response_url: this.slack.responseUrl(id) }));
    expect(res.status).toBe(200);
    return { id, ack: res.text };
  }

  responses(id: string): SlackCall[] {
    return this.slack.callsTo('response_url').filter((c) => c.path === `/respond/${id}`);
  }

  /** /plan; waits for the answer and returns its answer id (for 👍/👎). */
  async ask(user: string, question: string, replica = 0): Promise<string> {
    const { id } = await this.command(user, '/plan', question, { replica });
    const [answer] = await this.slack.waitFor('response_url', (c) => c.path === `/respond/${id}` && JSON.stringify(c.args).includes('plan_feedback_up'));
    const button = (answer!.args.blocks as any[]).find((b) => b.type === 'actions').elements[0];
    return button.value as string;
  }

  /**
   * A button click. Waits for the bot's private reply to it (what a person sees before clicking
   * again), so clicks are handled in the order they are made; `reply: false` for clicks that
   * open a modal instead.
   */
  async click(user: string, actionId: string, value: string, opts: { channel?: string; replica?: number; reply?: boolean } = {}): Promise<string> {
    const id = `${actionId}-${uniq()}`;
    const payload = blockActionPayload({ userId: user, actionId, value, channelId: opts.channel ?? 'C0GENERAL', messageTs: '1700000000.000100', responseUrl: this.slack.responseUrl(id) });
    const res = await post(this.app(opts.replica).eventsUrl, signedInteraction(payload));
    expect(res.status).toBe(200);
    if (opts.reply !== false) await this.slack.waitFor('response_url', (c) => c.path === `/respond/${id}`);
    return id;
  }

  /** An admin's choice in a session's overflow menu; returns the modal it opened. */
  async overflow(user: string, actionId: string, value: string, callbackId: string, channel: string): Promise<Record<string, any>> {
    const before = this.slack.callsTo('views.open').length;
    const payload = blockActionPayload({ userId: user, actionId, channelId: channel, messageTs: '1700000000.000100', responseUrl: this.slack.responseUrl(`menu-${uniq()}`) });
    payload.actions = [{ type: 'overflow', action_id: actionId, block_id: 'b1', selected_option: { text: { type: 'plain_text', text: 'x' }, value }, action_ts: '1' }];
    expect((await post(this.app().eventsUrl, signedInteraction(payload))).status).toBe(200);
    const [call] = await this.slack.waitFor('views.open', (c) => c.args.view?.callback_id === callbackId && this.slack.callsTo('views.open').indexOf(c) >= before);
    return call!.args.view;
  }

  /** A click that opens a modal; returns the modal the bot opened. */
  async open(user: string, actionId: string, value: string, callbackId: string, opts: { channel?: string } = {}): Promise<Record<string, any>> {
    const before = this.slack.callsTo('views.open').length;
    await this.click(user, actionId, value, { ...opts, reply: false });
    const [call] = await this.slack.waitFor('views.open', (c) => c.args.view?.callback_id === callbackId && this.slack.callsTo('views.open').indexOf(c) >= before);
    return call!.args.view;
  }

  async openByCommand(user: string, command: string, text: string, callbackId: string): Promise<Record<string, any>> {
    const before = this.slack.callsTo('views.open').length;
    await this.command(user, command, text);
    const [call] = await this.slack.waitFor('views.open', (c) => c.args.view?.callback_id === callbackId && this.slack.callsTo('views.open').indexOf(c) >= before);
    return call!.args.view;
  }

  /** Submits a modal the bot opened, with what the person typed; returns the ack body. */
  async submit(user: string, view: Record<string, any>, typed: Record<string, string | string[] | null>, replica = 0): Promise<string> {
    // Each opened modal is its own view (Slack gives each a new id).
    const payload = viewSubmissionPayload({ userId: user, callbackId: view.callback_id, privateMetadata: view.private_metadata, values: stateFrom(view, typed), viewId: `V${uniq().toUpperCase().replace(/[^A-Z0-9]/g, '')}` });
    const res = await post(this.app(replica).eventsUrl, signedInteraction(payload));
    expect(res.status).toBe(200);
    return res.text;
  }

  async propose(user: string, title: string): Promise<string> {
    const view = await this.openByCommand(user, '/proposal', '', 'proposal_submit');
    const ack = await this.submit(user, view, { title, category: 'service', problem: `${title}の課題です。`, body: `${title}を提案します。`, effect: '効果があります。', anonymous: [] });
    const id = /提案-\d{4}-\d{4}/.exec(ack)?.[0];
    expect(id, ack).toBeTruthy();
    return id!;
  }

  async setStatus(admin: string, proposalId: string, status: string, note = ''): Promise<void> {
    const view = await this.open(admin, 'proposal_status_open', proposalId, 'proposal_status');
    const ack = await this.submit(admin, view, { status, note: note || null });
    expect(ack).not.toContain('"errors"');
  }
}
