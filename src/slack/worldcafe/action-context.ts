import type { BlockAction, RespondFn } from '@slack/bolt';
import { SESSION_ID } from '../../events/keys.js';
import type { Audience } from './reply.js';

/** Who clicked, and where to answer them privately. */
export function audienceOf(body: BlockAction, respond?: RespondFn): Audience {
  return {
    userId: body.user.id,
    responseUrl: typeof body.response_url === 'string' && body.response_url ? body.response_url : undefined,
    respond,
    channel: body.channel?.id,
  };
}

/** The session id a button carries, or undefined when the payload is malformed or forged. */
export function sessionIdFrom(value: unknown): string | undefined {
  return typeof value === 'string' && SESSION_ID.test(value) ? value : undefined;
}

/** True when the click came from the person's App Home (which should then be re-published). */
export function cameFromHome(body: BlockAction): boolean {
  return (body.view as { type?: string } | undefined)?.type === 'home';
}
