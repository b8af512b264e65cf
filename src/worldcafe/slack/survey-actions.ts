import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { withDeadline } from '../../infra/deadline.js';
import { errorMessage } from '../../infra/errors.js';
import { requestLog } from '../../slack/middleware/request-context.js';
import { noticeModal } from '../../slack/notice-modal.js';
import { tellPrivately } from '../../slack/private-reply.js';
import { openSessionClick, sessionIdFrom, type SessionButtonArgs } from './action-context.js';
import type { WorldcafeDeps } from './deps.js';
import { readMetadata } from './modals.js';
import { readSurveyForm, surveyModal } from './survey-modal.js';
import { refusalText, SURVEY_TEXT, WC_TEXT } from './texts.js';

const REFUSED: Record<'missing' | 'cancelled' | 'not_ended' | 'not_attendee', string> = {
  missing: refusalText('missing'),
  cancelled: refusalText('cancelled'),
  not_ended: SURVEY_TEXT.notEnded,
  not_attendee: SURVEY_TEXT.notAttendee,
};

/** 「アンケートに答える」 in the survey DM: opens the survey, with the person's earlier answer if any. */
export function worldcafeSurveyOpenHandler(deps: WorldcafeDeps) {
  return async (args: SessionButtonArgs): Promise<void> => {
    const click = await openSessionClick(deps, args, 'survey');
    if (!click) return;
    const { id, to, log } = click;
    const user = args.body.user.id;
    try {
      const [s, seat, previous] = await withDeadline(Promise.all([deps.sessions.get(id), deps.sessions.seatOf(id, user), deps.surveys.answerOf(id, user)]), 1_500);
      const refusal = !s ? 'missing' : s.status === 'cancelled' ? 'cancelled' : deps.clock.now().getTime() < s.endAt ? 'not_ended' : seat.state !== 'confirmed' ? 'not_attendee' : undefined;
      if (refusal || !s) return void (await tellPrivately(args.client, to, REFUSED[refusal ?? 'missing'], undefined, log));
      await args.client.views.open({ trigger_id: args.body.trigger_id, view: surveyModal(s, previous) });
    } catch (err) {
      log.warn({ err: errorMessage(err) }, 'worldcafe: could not open the survey');
      await tellPrivately(args.client, to, WC_TEXT.unavailable, undefined, log);
    }
  };
}

/** The survey's submission: errors inline, else stored (a second answer replaces the first) and thanked. */
export function worldcafeSurveySubmitHandler(deps: WorldcafeDeps) {
  return async ({ ack, body, view, context }: SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs): Promise<void> => {
    const log = requestLog(context, deps.logger);
    const id = sessionIdFrom(readMetadata(view.private_metadata).id);
    if (!id) return void (await ack({ response_action: 'errors', errors: { satisfaction: WC_TEXT.forged } }));
    try {
      const r = await withDeadline(deps.surveys.save(id, body.user.id, readSurveyForm(view.state?.values)), 1_500);
      if (r.outcome === 'invalid') return void (await ack({ response_action: 'errors', errors: r.errors as Record<string, string> }));
      if (r.outcome === 'refused') return void (await ack({ response_action: 'update', view: noticeModal(SURVEY_TEXT.title, REFUSED[r.reason]) }));
      log.info({ session: id, outcome: r.outcome }, 'worldcafe survey answered');
      await ack({ response_action: 'update', view: noticeModal(SURVEY_TEXT.title, r.outcome === 'saved' ? SURVEY_TEXT.thanksNew : SURVEY_TEXT.thanksReplaced) });
    } catch (err) {
      log.warn({ err: errorMessage(err) }, 'worldcafe: could not store a survey answer');
      await ack({ response_action: 'errors', errors: { satisfaction: WC_TEXT.unavailable } });
    }
  };
}
