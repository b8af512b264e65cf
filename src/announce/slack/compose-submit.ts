import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { validateAnnouncement } from '../validate.js';
import type { DraftField } from '../types.js';
import type { AnnounceDeps } from './deps.js';
import { withDeadline } from '../../infra/deadline.js';
import { announcePreviewView, FIELD_BLOCKS, parseComposeState } from './modal.js';
import { channelMembership, type Membership } from '../../slack/membership.js';
import { requestLog } from '../../slack/middleware/request-context.js';
import { errorMessage } from '../../infra/errors.js';
import { ANNOUNCE_TEXT, SAVE_FAILED } from './texts.js';

/**
 * The /announce form was submitted: check it (fields, past dates, Slack's limits, the bot's
 * membership of every target channel), keep the draft, and push the preview over the form.
 * Any problem is shown on its field and nothing is kept; the typed text stays in the form.
 */


/** Names the channels the bot cannot post in, with how to invite it. Undefined when all is well (or Slack could not say in time). */
async function membershipProblem(client: WebClient, channels: string[]): Promise<string | undefined> {
  let results;
  try {
    results = await withDeadline(Promise.all(channels.map((c) => channelMembership(client, c))), 1_500);
  } catch {
    return undefined;
  }
  // 'unknown' (Slack unsure): the delivery report will tell.
  const names = (state: Membership['state']) => results.filter((r) => r.state === state).map(ANNOUNCE_TEXT.channelName).join('、');
  return ANNOUNCE_TEXT.membership(names('not_member'), names('archived')) || undefined;
}

export function announceComposeSubmitHandler(deps: AnnounceDeps) {
  return async ({ ack, body, view, client, context }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const log = requestLog(context, deps.logger);
    const user = body.user.id;
    const input = parseComposeState(view.state.values as never);
    const checked = validateAnnouncement(input, deps.clock.now());
    const errors: Record<string, string> = {};
    if (!checked.ok) {
      for (const [field, message] of Object.entries(checked.errors)) errors[FIELD_BLOCKS[field as DraftField]] = message;
    } else {
      const problem = await membershipProblem(client, checked.draft.channels);
      if (problem) errors[FIELD_BLOCKS.channels] = problem;
    }
    if (Object.keys(errors).length > 0) {
      log.info({ fields: Object.keys(errors) }, 'announce form has problems');
      await ack({ response_action: 'errors', errors });
      return;
    }
    try {
      const r = await withDeadline(deps.announce.prepare(input, user), 1_000);
      if (!r.ok) {
        const errs: Record<string, string> = {};
        for (const [field, message] of Object.entries(r.errors)) errs[FIELD_BLOCKS[field as DraftField]] = message;
        await ack({ response_action: 'errors', errors: errs });
        return;
      }
      const stored = await deps.announce.draft(r.draftId);
      await ack({ response_action: 'push', view: announcePreviewView(stored!.draft, r.draftId) });
    } catch (err) {
      log.warn({ err: errorMessage(err) }, 'announce draft could not be saved');
      await ack({ response_action: 'errors', errors: { [FIELD_BLOCKS.body]: SAVE_FAILED } });
    }
  };
}
