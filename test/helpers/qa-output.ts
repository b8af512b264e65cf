import type { SlackCall, SlackFake } from './slack-fake.js';

/**
 * What the bot showed in one Slack thread, put back together from the calls the fake recorded:
 * streamed text (chat.startStream/appendStream/stopStream), posted and updated messages, and
 * every block. For assertions about "the answer in the thread".
 */
export interface ThreadOutput {
  /** Streamed markdown, posted text and section/context text, in call order. */
  text: string;
  blocks: any[];
  calls: SlackCall[];
  streamed: boolean;
}

function chunkText(args: Record<string, any>): string {
  let t = typeof args.markdown_text === 'string' ? args.markdown_text : '';
  const chunks = Array.isArray(args.chunks) ? args.chunks : [];
  for (const c of chunks) if (c && typeof c.text === 'string') t += c.text;
  return t;
}

function blocksText(blocks: unknown): string {
  if (!Array.isArray(blocks)) return '';
  return blocks
    .map((b: any) => [b?.text?.text, ...(Array.isArray(b?.elements) ? b.elements.map((e: any) => e?.text?.text ?? e?.text) : [])].filter((x) => typeof x === 'string').join('\n'))
    .join('\n');
}

/** Tests give every case its own channel: calls that carry no thread_ts are matched by channel. */
export function threadOutput(fake: SlackFake, channel: string, threadTs: string): ThreadOutput {
  const calls: SlackCall[] = [];
  for (const c of fake.calls) {
    const a = c.args;
    if ((c.method === 'chat.startStream' || c.method === 'chat.postMessage') && a.channel === channel && a.thread_ts === threadTs) calls.push(c);
    else if (['chat.appendStream', 'chat.stopStream', 'chat.update', 'chat.delete'].includes(c.method) && a.channel === channel) calls.push(c);
  }
  let text = '';
  const blocks: any[] = [];
  for (const c of calls) {
    const a = c.args;
    text += chunkText(a);
    if (c.method === 'chat.postMessage' || c.method === 'chat.update') text += `\n${blocksText(a.blocks) || a.text || ''}\n`;
    if (c.method === 'chat.stopStream') text += `\n${blocksText(a.blocks)}`;
    if (Array.isArray(a.blocks)) blocks.push(...a.blocks);
  }
  return { text, blocks, calls, streamed: calls.some((c) => c.method === 'chat.startStream') };
}

/** The action ids and values of every button shown in the thread. */
export function buttons(out: ThreadOutput): { action_id: string; value: string }[] {
  return out.blocks.filter((b) => b?.type === 'actions').flatMap((b) => b.elements.map((e: any) => ({ action_id: e.action_id, value: e.value })));
}

/** Waits until the bot finished answering in the thread (stream stopped, or a message posted). */
export async function waitForAnswer(fake: SlackFake, channel: string, threadTs: string, timeoutMs = 10_000): Promise<ThreadOutput> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const out = threadOutput(fake, channel, threadTs);
    const done = out.calls.some((c) => c.method === 'chat.stopStream' || c.method === 'chat.postMessage');
    if (done) {
      // Let trailing calls (updates after a stopped stream) land.
      await new Promise((r) => setTimeout(r, 150));
      return threadOutput(fake, channel, threadTs);
    }
    if (Date.now() > deadline) throw new Error(`no answer in ${channel}/${threadTs}; calls: ${fake.calls.map((c) => c.method).join(', ')}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
