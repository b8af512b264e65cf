import { expect } from 'vitest';
import { fixedClock } from '../../src/infra/clock.js';
import { writeProposalForm, type ProposalFormFields as FormFields } from '../../src/proposals/slack/form.js';
import { useQaHarness, type QaHarness } from './qa-harness.js';
import type { SlackCall } from './slack-fake.js';
import { post, signedCommand, signedInteraction, viewSubmissionPayload } from './slack-requests.js';

/**
 * What the improvement-proposal tests end to end (test/e2e/proposals-*.test.ts) share: who and
 * where, a complete form, and the app with PROPOSALS_CHANNEL and an admin, with the steps of
 * sending /proposal and reading back what was stored.
 */

export const CHANNEL = 'C0PROPOSALS';
export const STAFF = 'U0STAFF01';
export const OTHER = 'U0STAFF02';
export const ADMIN = 'U0ADMIN01';

export const complete: FormFields = {
  title: '窓口の待ち時間を表示する',
  category: 'service',
  problem: '待ち時間が分からず、区民の方が不安に感じています。',
  body: '番号札の発券状況を待合のモニターに表示します。',
  effect: '待ち時間の不安が減り、問い合わせも減ります。',
};

export const allText = (c: SlackCall) => JSON.stringify([c.args.text ?? '', c.args.blocks ?? []]);

/**
 * The real app on a private Redis and the Slack fake (useQaHarness), sharing proposals in
 * PROPOSALS_CHANNEL with ADMIN as its admin, on a fixed clock; with the /proposal steps on it.
 */
export function useProposalApp() {
  const clock = fixedClock('2026-05-01T10:00:00+09:00');
  const harness: QaHarness = useQaHarness({ clock, extraEnv: { PROPOSALS_CHANNEL: CHANNEL, ADMIN_USER_IDS: ADMIN } });
  const { redis, slack, app: t } = harness;

  /** Opens the form with /proposal and returns the view Slack was asked to open. */
  async function openForm(userId = STAFF, text = ''): Promise<Record<string, any>> {
    const before = slack.callsTo('views.open').length;
    const res = await post(t.eventsUrl, signedCommand({ command: '/proposal', text, user_id: userId, response_url: slack.responseUrl('cmd') }));
    expect(res.status).toBe(200);
    const calls = await slack.waitFor('views.open', () => true, before + 1);
    return calls.at(-1)!.args.view as Record<string, any>;
  }

  async function submit(view: Record<string, any>, fields: FormFields, userId = STAFF, viewId = 'V0FORM') {
    return post(
      t.eventsUrl,
      signedInteraction(viewSubmissionPayload({ userId, callbackId: view.callback_id, privateMetadata: view.private_metadata, values: writeProposalForm(fields), viewId })),
    );
  }

  async function submitNew(fields: FormFields, userId = STAFF): Promise<string> {
    const view = await openForm(userId);
    const res = await submit(view, fields, userId);
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text) as { response_action: string; view: { blocks: unknown[] } };
    expect(body.response_action).toBe('update');
    const id = /提案-\d{4}-\d{4}/.exec(JSON.stringify(body.view))?.[0];
    expect(id).toBeDefined();
    return id!;
  }

  const proposalKeys = () => redis.client.keys('{proposals}:p:*[0-9]');
  const stored = (id: string) => redis.client.hgetall(`{proposals}:p:${id}`);

  return { ...harness, openForm, submit, submitNew, proposalKeys, stored };
}
