import type { ViewResponseAction } from '@slack/bolt';
import { withDeadline } from '../infra/deadline.js';
import { errorMessage } from '../infra/errors.js';
import type { Logger } from '../infra/logger.js';
import { isStorageFailure } from '../infra/storage-failure.js';
import { noticeModal } from './notice-modal.js';
import type { ViewArgs } from './routes.js';

/**
 * The store-before-ack step of a modal submission. The ack is where Slack takes inline errors, so
 * a form's work is done before it: within `deadlineMs` (room left in Slack's 3 s for the round
 * trip). When storage fails or is too slow, the modal is answered with `failed` — an inline error
 * that keeps everything typed, or a notice — and the result is undefined (the work may still
 * finish later; the caller holds its promise).
 *
 * Only a storage failure (isStorageFailure: Redis down or too slow) gets `failed`, whose words say
 * "temporarily cannot save". Anything else the work threw (an input the domain refused, a bug) is
 * told apart, to the person (NOT_ACCEPTED) and in the log, so it never reads as an outage.
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
    if (isStorageFailure(err)) {
      o.log.warn({ err: errorMessage(err) }, `${o.what} failed (storage unavailable)`);
      await o.ack(o.failed);
    } else {
      o.log.warn({ err: errorMessage(err) }, `${o.what} refused (not a storage failure)`);
      await o.ack(notAccepted(o.failed));
    }
    return undefined;
  }
}

/** What a person hears when a submission failed for another reason than storage. */
export const NOT_ACCEPTED = '送信された内容を受け付けられませんでした。お手数ですが、画面を閉じて、もう一度はじめからお試しください。';

/** The same place as `failed` (the same fields, or a notice), with NOT_ACCEPTED instead of its words. */
function notAccepted(failed: ViewResponseAction): ViewResponseAction {
  if (failed.response_action === 'errors') return { response_action: 'errors', errors: Object.fromEntries(Object.keys(failed.errors).map((k) => [k, NOT_ACCEPTED])) };
  return { response_action: 'update', view: noticeModal('受け付けられませんでした', NOT_ACCEPTED) };
}

/** Leaves room in Slack's 3 s for the HTTP round trip. */
export const STORE_DEADLINE_MS = 2_000;

/** An inline error on one field of the modal (its block id). */
export const inlineError = (block: string, text: string): ViewResponseAction => ({ response_action: 'errors', errors: { [block]: text } });
