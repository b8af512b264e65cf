import type { ViewResponseAction } from '@slack/bolt';
import { withDeadline } from '../infra/deadline.js';
import { errorMessage } from '../infra/errors.js';
import type { Logger } from '../infra/logger.js';
import type { ViewArgs } from './routes.js';

/**
 * The store-before-ack step of a modal submission. The ack is where Slack takes inline errors, so
 * a form's work is done before it: within `deadlineMs` (room left in Slack's 3 s for the round
 * trip). When storage fails or is too slow, the modal is answered with `failed` — an inline error
 * that keeps everything typed, or a notice — and the result is undefined (the work may still
 * finish later; the caller holds its promise).
 */
export async function storeBeforeAck<T>(o: {
  ack: ViewArgs['ack'];
  log: Logger;
  work: Promise<T>;
  failed: ViewResponseAction;
  /** Names the step in the log line. */
  what: string;
  deadlineMs?: number;
}): Promise<T | undefined> {
  try {
    return await withDeadline(o.work, o.deadlineMs ?? STORE_DEADLINE_MS);
  } catch (err) {
    o.log.warn({ err: errorMessage(err) }, `${o.what} failed (storage unavailable)`);
    await o.ack(o.failed);
    return undefined;
  }
}

/** Leaves room in Slack's 3 s for the HTTP round trip. */
export const STORE_DEADLINE_MS = 2_000;

/** An inline error on one field of the modal (its block id). */
export const inlineError = (block: string, text: string): ViewResponseAction => ({ response_action: 'errors', errors: { [block]: text } });
