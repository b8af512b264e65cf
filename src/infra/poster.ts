/**
 * The posting port the domain posts through (morning prompts, announcements, reports), so it
 * never sees Bolt. The Slack implementation is src/slack/poster.ts.
 */

export interface Poster {
  /** Posts a message; rejects with a PostError. */
  post(channel: string, text: string, blocks?: unknown[]): Promise<{ ts: string }>;
}

/** Why a post failed: Slack's error code, and whether the same request will only fail again. */
export class PostError extends Error {
  constructor(
    readonly code: string,
    readonly permanent: boolean,
  ) {
    super(`chat.postMessage failed: ${code}`);
    this.name = 'PostError';
  }
}

/** The code and permanence of anything a post rejected with. */
export function postErrorOf(err: unknown): PostError {
  return err instanceof PostError ? err : new PostError('unknown_error', false);
}

/** A message ready for the poster: fallback text and opaque Block Kit blocks. */
export interface RenderedMessage {
  text: string;
  blocks?: unknown[];
}
