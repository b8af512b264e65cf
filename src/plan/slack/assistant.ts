import { Assistant } from '@slack/bolt';
import type { QaDeps } from './deps.js';
import { isFromBot, questionText } from './incoming-message.js';
import { requestLog } from '../../slack/middleware/request-context.js';
import { answerInThread } from './reply-answer.js';
import { GREETING_TEXT, SUGGESTED_PROMPTS, THINKING_TEXT } from './texts.js';
import { NO_UNFURL, softenPlainText } from '../../slack/safe-text.js';
import { errorMessage } from '../../infra/errors.js';

/**
 * The assistant pane (Slack's AI app split view): a greeting with suggested questions when a
 * thread opens, a "thinking" status while answering, a thread title from the first question,
 * and the same grounded answer as everywhere else, streamed into the thread.
 */



const TITLE_CHARS = 40;

export function planAssistant(deps: QaDeps): Assistant {
  return new Assistant({
    threadStarted: async ({ event, client, context, setSuggestedPrompts }) => {
      const log = requestLog(context, deps.logger);
      const { channel_id: channel, thread_ts: threadTs } = event.assistant_thread;
      try {
        await client.chat.postMessage({ channel, thread_ts: threadTs, text: GREETING_TEXT, ...NO_UNFURL });
        await setSuggestedPrompts({ title: 'たとえば、こんなことを聞けます', prompts: SUGGESTED_PROMPTS });
      } catch (err) {
        log.warn({ err: errorMessage(err) }, 'assistant greeting failed');
      }
    },
    // The bot does not use the channel the user is looking at; nothing to store.
    threadContextChanged: async () => {},
    userMessage: async ({ message, client, context, setStatus, setTitle }) => {
      const log = requestLog(context, deps.logger);
      if (message.subtype !== undefined || !('user' in message) || !('thread_ts' in message) || !message.thread_ts) return;
      if ('edited' in message && message.edited) return;
      if (isFromBot(message, context.botUserId, context.botId)) return;
      const text = questionText(message.text, context.botUserId);
      await setStatus(THINKING_TEXT).catch((err: unknown) => log.debug({ err: String(err) }, 'setStatus failed'));
      await answerInThread(
        deps,
        client,
        {
          channel: message.channel,
          threadTs: message.thread_ts,
          userId: message.user,
          teamId: context.teamId ?? message.team,
          messageTs: message.ts,
          text,
        },
        {
          stream: true,
          log,
          onAdmitted: async (history) => {
            if (history.length > 0 || !text) return;
            const chars = [...softenPlainText(text.replace(/\s+/g, ' '))];
            await setTitle(chars.length > TITLE_CHARS ? `${chars.slice(0, TITLE_CHARS).join('')}…` : chars.join(''));
          },
        },
      );
    },
  });
}
