import type { KnownBlock } from '@slack/types';
import type { ChatStreamer, WebClient } from '@slack/web-api';
import type { Logger } from '../../infra/logger.js';
import { safeStreamMarkdown } from '../../slack/mrkdwn.js';
import { SLACK_LIMITS, splitUtf8, utf8Bytes } from '../../slack/split.js';
import { errorMessage } from '../../infra/errors.js';

/**
 * Streams an answer into a Slack thread as the model writes it (chat.startStream /
 * appendStream / stopStream through the SDK's ChatStreamer).
 *
 * - Text is neutralised before it is sent (no pings, no links), and only cut where no link,
 *   mention or URL can straddle two pieces.
 * - A streamed message is kept within a UTF-8 byte budget; past it the message says it
 *   continues and a new streamed message picks up. Nothing is cut silently.
 * - Any Slack error ends streaming quietly (`failed`); the caller then posts or repairs the
 *   final answer with ordinary messages.
 */

export interface StreamTarget {
  channel: string;
  threadTs: string;
  userId: string;
  teamId?: string;
}

const CONTINUES = '\n\n（続きます）';
const CONTINUED = '（続き）\n\n';
/** Characters buffered by the SDK before it calls Slack. */
const SDK_BUFFER = 120;
/** Pending text without a safe cut longer than this is sent anyway at the last space. */
const FORCE_FLUSH_CHARS = 1_500;

export class AnswerStream {
  /** Raw model text received so far (before neutralising). */
  raw = '';
  /** ts of every streamed message, in order. */
  readonly messageTs: string[] = [];
  failed = false;
  private pending = '';
  private streamer?: ChatStreamer;
  private bytes = 0;
  private chain: Promise<void> = Promise.resolve();
  private readonly budget: number;

  constructor(
    private readonly client: WebClient,
    private readonly target: StreamTarget,
    private readonly log: Logger,
    options: { byteBudget?: number } = {},
  ) {
    this.budget = options.byteBudget ?? SLACK_LIMITS.streamMessageBytes;
  }

  /** True once any text reached Slack (or was buffered for it). */
  get started(): boolean {
    return this.streamer !== undefined;
  }

  /** onDelta for the answerer. Never throws and never makes the model wait: Slack calls are queued in order. */
  push(delta: string): void {
    this.raw += delta;
    if (this.failed) return;
    this.pending += delta;
    const cut = safeCut(this.pending, FORCE_FLUSH_CHARS);
    if (cut > 0) {
      const piece = this.pending.slice(0, cut);
      this.pending = this.pending.slice(cut);
      this.enqueue(() => this.send(safeStreamMarkdown(piece)));
    }
  }

  /**
   * Sends what is pending and stops the stream, adding `blocks` (sources, buttons) below the
   * text. Returns false when streaming failed at any point (the caller repairs the message).
   */
  async finish(blocks: KnownBlock[]): Promise<boolean> {
    const rest = this.pending;
    this.pending = '';
    if (rest) this.enqueue(() => this.send(safeStreamMarkdown(rest)));
    this.enqueue(async () => {
      if (!this.streamer) return;
      const s = this.streamer;
      this.streamer = undefined;
      await s.stop(blocks.length > 0 ? { blocks } : undefined);
      this.remember(s);
    });
    await this.chain;
    return !this.failed;
  }

  /** Stops the stream without adding anything (before the caller replaces the text). */
  async abandon(): Promise<void> {
    this.pending = '';
    this.enqueue(async () => {
      if (!this.streamer) return;
      const s = this.streamer;
      this.streamer = undefined;
      await s.stop();
      this.remember(s);
    });
    await this.chain;
  }

  private enqueue(step: () => Promise<void>): void {
    this.chain = this.chain.then(async () => {
      try {
        await step();
      } catch (err) {
        this.failed = true;
        this.log.warn({ err: errorMessage(err) }, 'answer streaming failed; falling back to messages');
        const s = this.streamer;
        this.streamer = undefined;
        if (s) {
          this.remember(s);
          await s.stop().catch(() => undefined);
        }
      }
    });
  }

  private open(prefix: string): void {
    this.streamer = this.client.chatStream({
      channel: this.target.channel,
      thread_ts: this.target.threadTs,
      recipient_user_id: this.target.userId,
      ...(this.target.teamId ? { recipient_team_id: this.target.teamId } : {}),
      buffer_size: SDK_BUFFER,
    });
    this.bytes = 0;
    if (prefix) this.bytes += utf8Bytes(prefix);
  }

  private async send(text: string): Promise<void> {
    if (this.failed || !text) return;
    const room = this.budget - utf8Bytes(CONTINUES) - utf8Bytes(CONTINUED);
    for (const piece of utf8Bytes(text) > room ? splitUtf8(text, room) : [text]) {
      if (!this.streamer) {
        this.open(this.messageTs.length > 0 ? CONTINUED : '');
        if (this.messageTs.length > 0) await this.streamer!.append({ markdown_text: CONTINUED });
      } else if (this.bytes + utf8Bytes(piece) > room) {
        const full = this.streamer!;
        await full.append({ markdown_text: CONTINUES });
        this.streamer = undefined;
        await full.stop();
        this.remember(full);
        this.open(CONTINUED);
        await this.streamer!.append({ markdown_text: CONTINUED });
      }
      await this.streamer!.append({ markdown_text: piece });
      this.bytes += utf8Bytes(piece);
    }
  }

  private remember(s: ChatStreamer): void {
    if (s.ts && !this.messageTs.includes(s.ts)) this.messageTs.push(s.ts);
  }
}

/**
 * The longest prefix of `text` that can be neutralised on its own: it ends after a line break,
 * sentence end or space, outside any [link](…) and not inside an ASCII word (a URL or @here).
 * 0 when there is none yet. Past `force` characters, cuts at the last such point regardless of
 * links so a stream never stalls (links are still neutralised piecewise: "<" never survives).
 */
export function safeCut(text: string, force = Infinity): number {
  for (let i = text.length; i > 0; i--) {
    const c = text[i - 1]!;
    if (!/[\n。．！？、，\s]/.test(c)) continue;
    const head = text.slice(0, i);
    if (/\[[^\]]*$/.test(head) || /\]\([^)]*$/.test(head)) {
      if (text.length > force) return i;
      continue;
    }
    return i;
  }
  return 0;
}
