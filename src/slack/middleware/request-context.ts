import { randomBytes } from 'node:crypto';
import type { AnyMiddlewareArgs, Context, Middleware } from '@slack/bolt';
import type { Logger } from '../../infra/logger.js';
import { errorMessage } from '../../infra/errors.js';

/**
 * Gives every Slack request a request id and a child logger that carries it, so each flow
 * (ack → domain → Web API calls) can be followed through the JSON logs:
 *
 *   context.requestId  "Ev0123ABCD" (the Events API event_id, so Slack's retries and other
 *                      replicas share it) or a random id for commands and interactivity
 *   context.log        logger.child({ requestId, kind, user })
 *
 * Only ids and kinds are logged here, never message text, tokens or form values.
 */

export interface RequestContext {
  requestId: string;
  /** e.g. "event:app_mention", "command:/plan", "action:proposal_vote", "view:proposal_submit". */
  kind: string;
  user?: string;
  log: Logger;
}

type Body = Record<string, any>;

/** What kind of request this is, named by Slack's own identifiers (never by user text). */
export function requestKind(body: Body): string {
  if (body.type === 'event_callback') return `event:${String(body.event?.type ?? '?')}`;
  if (typeof body.command === 'string') return `command:${body.command}`;
  switch (body.type) {
    case 'block_actions':
      return `action:${String(body.actions?.[0]?.action_id ?? '?')}`;
    case 'view_submission':
    case 'view_closed':
      return `${body.type === 'view_closed' ? 'view_closed' : 'view'}:${String(body.view?.callback_id ?? '?')}`;
    case 'shortcut':
    case 'message_action':
      return `shortcut:${String(body.callback_id ?? '?')}`;
    case 'block_suggestion':
      return `options:${String(body.action_id ?? '?')}`;
    default:
      return String(body.type ?? 'unknown');
  }
}

/** The Slack user behind the request, when there is one. */
export function requestUser(body: Body): string | undefined {
  const id = body.event?.user ?? body.user_id ?? body.user?.id ?? body.user;
  return typeof id === 'string' ? id : undefined;
}

/** Random per process (so replicas never collide), then a counter: no crypto call per request. */
const PROCESS_PREFIX = randomBytes(4).toString('hex');
let counter = 0;

export function newRequestId(): string {
  counter = (counter + 1) % Number.MAX_SAFE_INTEGER;
  return `${PROCESS_PREFIX}${counter.toString(36)}`;
}

export function requestContext(logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const b = body as Body;
    const requestId = typeof b.event_id === 'string' ? b.event_id : newRequestId();
    const kind = requestKind(b);
    const user = requestUser(b);
    // The child logger is made on first use: nothing but ids on the path to the ack.
    let log: Logger | undefined;
    const child = () => (log ??= logger.child(user ? { requestId, kind, user } : { requestId, kind }));
    context.requestId = requestId;
    context.kind = kind;
    Object.defineProperty(context, 'log', { get: child, enumerable: true, configurable: true });
    const t0 = performance.now();
    try {
      await next();
      child().info({ ms: Math.round(performance.now() - t0), retryNum: context.retryNum }, 'slack request handled');
    } catch (err) {
      child().error({ err: errorMessage(err), ms: Math.round(performance.now() - t0) }, 'slack request failed');
      throw err;
    }
  };
}

/** The request's logger, or `fallback` outside a request (jobs, CLI). */
export function requestLog(context: Context | undefined, fallback: Logger): Logger {
  return (context?.log as Logger | undefined) ?? fallback;
}
