import type { AllMiddlewareArgs, BlockAction, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { WorldcafeDeps } from './deps.js';
import { SESSION_ID } from '../keys.js';
import type { Logger } from '../../infra/logger.js';
import { WC_TEXT } from './texts.js';
import { requestLog } from '../../slack/middleware/request-context.js';
import { audienceOf, tellPrivately, type Audience } from '../../slack/private-reply.js';

export type SessionButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

/**
 * The start every session button shares: ack, then read the session id the button carries.
 * A malformed or forged id gets a clear private message and undefined (nothing changes).
 */
export async function openSessionClick(deps: WorldcafeDeps, a: SessionButtonArgs, what: string): Promise<{ id: string; to: Audience; log: Logger } | undefined> {
  await a.ack();
  const log = requestLog(a.context, deps.logger);
  const to = audienceOf(a.body, a.respond);
  const id = sessionIdFrom(a.action.value);
  if (!id) {
    log.warn(`worldcafe: ${what} with a malformed session id`);
    await tellPrivately(a.client, to, WC_TEXT.forged, undefined, log);
    return undefined;
  }
  return { id, to, log };
}

/** The session id a button carries, or undefined when the payload is malformed or forged. */
export function sessionIdFrom(value: unknown): string | undefined {
  return typeof value === 'string' && SESSION_ID.test(value) ? value : undefined;
}

/** True when the click came from the person's App Home (which should then be re-published). */
export function cameFromHome(body: BlockAction): boolean {
  return (body.view as { type?: string } | undefined)?.type === 'home';
}
