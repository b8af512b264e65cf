import type { RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { QaDeps } from './deps.js';
import type { Logger } from '../../infra/logger.js';
import { claimOnce } from '../../infra/once.js';
import { rateLimitedText } from '../../infra/rate-limit.js';
import { newAnswerId } from '../feedback.js';
import type { Answer, ConversationTurn } from '../types.js';
import { AnswerStream } from './answer-stream.js';
import { answerMessages, leadBlocks, noticeMessage, tailBlocks, type SlackMessage } from './answer-blocks.js';
import { errorMessage } from '../../infra/errors.js';
import { ANSWER_ERROR_TEXT, UNAVAILABLE_TEXT } from './texts.js';
import { NO_UNFURL } from '../../slack/safe-text.js';

/**
 * The one "answer a question about the plan" flow behind every Slack surface: mentions, DMs and
 * the assistant pane reply in a thread (streamed where Slack allows it); /plan answers through
 * its response_url. The listener has acked before any of this runs.
 *
 *   admit (rate limit, thread history; Redis down → 「一時的に利用できません」)
 *   → deps.plan.answer(question, { history, onDelta })
 *   → stream or post: answer text, labels, sources, 👍/👎
 *   → remember the turn in the thread's history and the answer for feedback
 */


/** Seconds a user's message stays claimed, so it is answered once whichever events carry it. */
const QUESTION_CLAIM_TTL = 60 * 60;

export type Outcome = 'answered' | 'duplicate' | 'rate_limited' | 'unavailable' | 'failed';

type Admission = { ok: true; history: ConversationTurn[] } | { ok: false; outcome: 'rate_limited'; text: string } | { ok: false; outcome: 'unavailable'; text: string };

/** Rate limit and thread history. Any Redis failure means "temporarily unavailable". */
async function admit(deps: QaDeps, log: Logger, userId: string, thread?: { channel: string; threadTs: string }): Promise<Admission> {
  const { limiter, history } = deps;
  try {
    const hit = await limiter.hit(userId, deps.clock.now().getTime());
    if (!hit.allowed) {
      log.info({ retryAfterMs: hit.retryAfterMs }, 'plan question rate-limited');
      return { ok: false, outcome: 'rate_limited', text: rateLimitedText(hit.retryAfterMs) };
    }
    const turns = thread ? await history.get(thread.channel, thread.threadTs) : [];
    return { ok: true, history: turns };
  } catch (err) {
    log.warn({ err: errMessage(err) }, 'redis unavailable while admitting a question');
    return { ok: false, outcome: 'unavailable', text: UNAVAILABLE_TEXT };
  }
}

/** Remembers the answer (for feedback) and the turn (for follow-ups). Returns the answer id, if stored. */
async function remember(deps: QaDeps, log: Logger, question: string, answer: Answer, thread?: { channel: string; threadTs: string }): Promise<string | undefined> {
  if (answer.refused) return undefined;
  const { feedback, history } = deps;
  const id = newAnswerId();
  const at = deps.clock.now();
  const [recorded, appended, noted] = await Promise.allSettled([
    feedback.recordAnswer(id, answer, at),
    thread
      ? history.append(thread.channel, thread.threadTs, { role: 'user', content: question.trim() }, { role: 'assistant', content: answer.answer })
      : Promise.resolve(),
    deps.activity?.asked({ at, found: answer.found, sections: answer.found ? answer.citations.map((c) => c.section) : [], text: question }),
  ]);
  for (const r of [recorded, appended, noted]) {
    if (r?.status === 'rejected') log.warn({ err: errMessage(r.reason) }, 'could not store plan Q&A state');
  }
  // Without a stored record a vote could not be tied to the answer: show no buttons then.
  return recorded?.status === 'fulfilled' ? id : undefined;
}

export interface ThreadQuestion {
  channel: string;
  /** The thread to answer in (event.thread_ts ?? event.ts). */
  threadTs: string;
  userId: string;
  teamId?: string;
  /** The user's message ts: it is answered once even if Slack delivers it as several events. */
  messageTs?: string;
  text: string;
}

export interface ThreadReplyOptions {
  /** Stream the answer as the model writes it (default true). */
  stream?: boolean;
  log?: Logger;
  /** Called once the question is admitted, with the thread's earlier turns (assistant: status, title). */
  onAdmitted?: (history: ConversationTurn[]) => Promise<unknown>;
}

/** Answers a question in a Slack thread. Never throws. */
export async function answerInThread(deps: QaDeps, client: WebClient, q: ThreadQuestion, options: ThreadReplyOptions = {}): Promise<Outcome> {
  const log = (options.log ?? deps.logger).child({ flow: 'plan_qa', channel: q.channel });
  const thread = { channel: q.channel, threadTs: q.threadTs };
  try {
    if (q.messageTs) {
      let first: boolean;
      try {
        first = await claimOnce(deps.redis, `plan:asked:${q.channel}:${q.messageTs}`, QUESTION_CLAIM_TTL);
      } catch (err) {
        log.warn({ err: errMessage(err) }, 'redis unavailable while claiming a question');
        await post(client, log, q.channel, q.threadTs, [noticeMessage(UNAVAILABLE_TEXT)]);
        return 'unavailable';
      }
      if (!first) {
        log.debug('question already being answered');
        return 'duplicate';
      }
    }

    const admission = await admit(deps, log, q.userId, thread);
    if (!admission.ok) {
      await post(client, log, q.channel, q.threadTs, [noticeMessage(admission.text)]);
      return admission.outcome;
    }
    await options.onAdmitted?.(admission.history).catch((err: unknown) => log.debug({ err: errMessage(err) }, 'onAdmitted failed'));

    const stream = options.stream !== false ? new AnswerStream(client, { ...thread, userId: q.userId, teamId: q.teamId }, log) : undefined;
    let answer: Answer;
    try {
      answer = await deps.plan.answer(q.text, { history: admission.history, onDelta: stream ? (d) => stream.push(d) : undefined });
    } catch (err) {
      log.error({ err: errMessage(err) }, 'plan answerer failed');
      if (stream?.started) await stream.abandon();
      await replaceOrPost(client, log, q.channel, q.threadTs, stream?.messageTs ?? [], [noticeMessage(ANSWER_ERROR_TEXT)]);
      return 'failed';
    }

    const answerId = await remember(deps, log, q.text, answer, thread);
    if (stream?.started && !stream.failed && sameText(stream.raw, answer.answer)) {
      const ok = await stream.finish([...leadBlocks(answer), ...tailBlocks(answer, answerId)]);
      if (ok) return 'answered';
    } else if (stream?.started) {
      await stream.abandon();
    }
    // Not streamed, streaming failed, or the final answer differs from what was streamed
    // (e.g. the model failed half-way): show the final answer in ordinary messages.
    await replaceOrPost(client, log, q.channel, q.threadTs, stream?.messageTs ?? [], answerMessages(answer, answerId));
    return 'answered';
  } catch (err) {
    log.error({ err: errMessage(err) }, 'answering in a thread failed');
    return 'failed';
  }
}

export interface CommandQuestion {
  userId: string;
  channel: string;
  text: string;
}

/** Answers a /plan question through the command's response_url (visible to the asker only). Never throws. */
export async function answerCommand(deps: QaDeps, respond: RespondFn, q: CommandQuestion, options: { log?: Logger } = {}): Promise<Outcome> {
  const log = (options.log ?? deps.logger).child({ flow: 'plan_qa', via: 'command' });
  const say = async (msgs: SlackMessage[]) => {
    for (const [i, m] of msgs.entries()) {
      await respond({ response_type: 'ephemeral', replace_original: i === 0, text: m.text, blocks: m.blocks }).catch((err: unknown) =>
        log.warn({ err: errMessage(err) }, 'respond failed'),
      );
    }
  };
  try {
    const admission = await admit(deps, log, q.userId);
    if (!admission.ok) {
      await say([noticeMessage(admission.text)]);
      return admission.outcome;
    }
    let answer: Answer;
    try {
      answer = await deps.plan.answer(q.text, {});
    } catch (err) {
      log.error({ err: errMessage(err) }, 'plan answerer failed');
      await say([noticeMessage(ANSWER_ERROR_TEXT)]);
      return 'failed';
    }
    const answerId = await remember(deps, log, q.text, answer);
    await say(answerMessages(answer, answerId));
    return 'answered';
  } catch (err) {
    log.error({ err: errMessage(err) }, 'answering a command failed');
    return 'failed';
  }
}

/** Posts messages in a thread, links never unfurled. Failures are logged, not thrown. */
export async function post(client: WebClient, log: Logger, channel: string, threadTs: string, msgs: SlackMessage[]): Promise<void> {
  for (const m of msgs) {
    try {
      await client.chat.postMessage({ channel, thread_ts: threadTs, text: m.text, blocks: m.blocks, ...NO_UNFURL });
    } catch (err) {
      log.warn({ err: errMessage(err) }, 'chat.postMessage failed');
      return;
    }
  }
}

/**
 * Shows `msgs` in the thread: first by updating messages already streamed there (so the thread
 * shows the final answer, not a half-streamed one), then by posting the rest. Streamed messages
 * left over are removed.
 */
async function replaceOrPost(client: WebClient, log: Logger, channel: string, threadTs: string, streamed: string[], msgs: SlackMessage[]): Promise<void> {
  const rest = [...msgs];
  for (const ts of streamed) {
    const m = rest.shift();
    try {
      if (m) await client.chat.update({ channel, ts, text: m.text, blocks: m.blocks });
      else await client.chat.delete({ channel, ts });
    } catch (err) {
      log.warn({ err: errMessage(err) }, 'could not replace a streamed message');
      if (m) rest.unshift(m);
    }
  }
  await post(client, log, channel, threadTs, rest);
}

function sameText(a: string, b: string): boolean {
  return a.replace(/\s+/g, '') === b.replace(/\s+/g, '');
}

function errMessage(err: unknown): string {
  return errorMessage(err);
}
