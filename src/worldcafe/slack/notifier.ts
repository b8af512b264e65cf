import type { webApi } from '@slack/bolt';
import type { ActionsBlock, KnownBlock } from '@slack/types';
import type { Clock } from '../../infra/clock.js';
import type { Logger } from '../../infra/logger.js';
import type { ClaimedNotice, WorldcafeService } from '../service.js';
import type { Session } from '../types.js';
import { fromTokyo, tokyoDate } from '../../infra/clock.js';
import { addDays } from '../../infra/calendar.js';
import { builtinCalendar, SURVEY_TIME, surveyTime, workingDayFrom, type WorkdayCalendar } from '../reminders.js';
import { calendarButton, leaveButton, surveyButton } from './session-message.js';
import { DM } from './texts.js';
import { Poller } from '../../infra/poller.js';
import { slackErrorOf } from '../../slack/slack-errors.js';
import { errorMessage } from '../../infra/errors.js';
import { NO_UNFURL } from '../../slack/safe-text.js';

/**
 * Sends the direct messages queued in Redis (reminders 12:00 on the working day before and
 * 30 minutes before, promotions from the waitlist, date changes, cancellations).
 *
 * Every replica polls; a notice is LEASED atomically (Lua) by one replica, sent, then completed.
 * A replica that dies mid-way leaves the lease to expire and another one sends it — so each DM
 * goes once across replicas and restarts. (The one unavoidable gap: a crash in the instant
 * between Slack accepting the message and the completion reaching Redis repeats that one DM.)
 * Whether to send is decided at send time from the live state: a reminder for someone who has
 * since cancelled, or for a session that was cancelled, is dropped.
 * The post-session survey goes to those confirmed once the session has ended; on a closed day it
 * is put back in the queue for 10:00 on the next working day (even if the day was closed after
 * the session was scheduled).
 */
export interface NotifierOptions {
  sessions: WorldcafeService;
  client: webApi.WebClient;
  clock: Clock;
  logger: Logger;
  /** Working days, for the survey (default: the built-in rules). */
  calendar?: WorkdayCalendar;
  pollMs?: number;
  leaseMs?: number;
  maxTries?: number;
}

export class Notifier {
  /** Runs runOnce every pollMs; kick() when notices were queued. */
  readonly poller: Poller;
  private readonly leaseMs: number;
  private readonly maxTries: number;

  constructor(private readonly o: NotifierOptions) {
    this.leaseMs = o.leaseMs ?? 60_000;
    this.maxTries = o.maxTries ?? 5;
    this.poller = new Poller('worldcafe-notifier', async () => void (await this.runOnce()), o.pollMs ?? 1_000, o.logger);
  }

  /** Claims what is due and sends it, four at a time. Returns how many were claimed. */
  async runOnce(): Promise<number> {
    const batch = await this.o.sessions.claimNotices(20, this.leaseMs);
    for (let i = 0; i < batch.length; i += 4) {
      await Promise.all(batch.slice(i, i + 4).map((n) => this.deliver(n)));
    }
    if (batch.length === 20) this.poller.kick();
    return batch.length;
  }

  private async deliver(n: ClaimedNotice): Promise<void> {
    const log = this.o.logger.child({ notice: n.kind, session: n.sessionId, tries: n.tries });
    let message: { text: string; blocks: KnownBlock[] } | undefined;
    try {
      const later = n.kind === 'survey' ? await this.surveyLater(n) : undefined;
      if (later) {
        await this.o.sessions.deferNotice(n, later);
        log.info({ at: new Date(later).toISOString() }, 'worldcafe: survey moved to the next working day');
        return;
      }
      message = await this.compose(n);
    } catch (err) {
      log.warn({ err: errorMessage(err) }, 'worldcafe: could not read state for a notice; will retry');
      return;
    }
    if (!message) {
      await this.o.sessions.completeNotice(n);
      return;
    }
    try {
      await this.o.client.chat.postMessage({ channel: n.userId, text: message.text, blocks: message.blocks, ...NO_UNFURL });
      await this.o.sessions.completeNotice(n);
    } catch (err) {
      const { code, permanent, retryAfterMs } = slackErrorOf(err);
      if (permanent || n.tries >= this.maxTries) {
        log.error({ code }, 'worldcafe: giving up on a direct message');
        await this.o.sessions.completeNotice(n);
        return;
      }
      if (retryAfterMs) this.poller.pause(retryAfterMs);
      log.warn({ code }, 'worldcafe: direct message failed; it will be retried when its lease ends');
    }
  }

  /** When a survey notice should go instead of now, if not now. */
  private async surveyLater(n: ClaimedNotice): Promise<number | undefined> {
    const s = await this.o.sessions.get(n.sessionId);
    if (!s || s.status !== 'open') return undefined;
    return surveyDue(s, this.o.clock.now().getTime(), this.o.calendar ?? builtinCalendar);
  }

  /** The DM for a notice, or undefined when it no longer applies. */
  private async compose(n: ClaimedNotice): Promise<{ text: string; blocks: KnownBlock[] } | undefined> {
    const s = await this.o.sessions.get(n.sessionId);
    if (!s) return undefined;
    const now = this.o.clock.now().getTime();
    if (n.kind === 'cancelled') return dm(DM.cancelled(s));
    if (n.kind === 'survey') {
      if (s.status !== 'open' || now < s.endAt) return undefined;
      const seat = await this.o.sessions.seatOf(s.id, n.userId);
      return seat.state === 'confirmed' ? dm(DM.survey(s), { type: 'actions', block_id: `wc_survey:${s.id}`, elements: [surveyButton(s.id)] }) : undefined;
    }
    if (s.status !== 'open' || now >= s.startAt) return undefined;
    const seat = await this.o.sessions.seatOf(s.id, n.userId);
    switch (n.kind) {
      case 'day_before':
        return seat.state === 'confirmed' ? dm(DM.dayBefore(s), actionsFor(s, 'confirmed')) : undefined;
      case 'soon':
        return seat.state === 'confirmed' ? dm(DM.soon(s)) : undefined;
      case 'promoted':
        return seat.state === 'confirmed' ? dm(DM.promoted(s), actionsFor(s, 'confirmed')) : undefined;
      case 'moved':
        return seat.state === 'none' ? undefined : dm(DM.moved(s, seat.state, seat.position), actionsFor(s, seat.state));
    }
  }
}

/** Not sent yet: the session has not ended (rescheduled), or today the office is closed. */
async function surveyDue(s: Session, now: number, calendar: WorkdayCalendar): Promise<number | undefined> {
  if (now < s.endAt) return surveyTime(s.endAt, calendar);
  const today = tokyoDate(new Date(now));
  if (await calendar.isWorkday(today)) return undefined;
  return fromTokyo(await workingDayFrom(addDays(today, 1), calendar), SURVEY_TIME).getTime();
}

function actionsFor(s: Session, state: 'confirmed' | 'waiting'): ActionsBlock {
  return {
    type: 'actions',
    block_id: `wc_dm:${s.id}`,
    elements: state === 'confirmed' ? [calendarButton(s.id), leaveButton(s.id)] : [leaveButton(s.id)],
  };
}

function dm(text: string, actions?: ActionsBlock): { text: string; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text } }];
  if (actions) blocks.push(actions);
  // The notification text: the same sentence without mrkdwn emphasis.
  return { text: text.replace(/\*/g, ''), blocks };
}
