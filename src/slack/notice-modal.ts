import type { ModalView } from '@slack/types';
import { softenPlainText } from './safe-text.js';

/** A modal that only says something, with a 閉じる button (refusals, receipts, "try again"). */
export function noticeModal(title: string, text: string, callbackId?: string): ModalView {
  return {
    type: 'modal',
    ...(callbackId ? { callback_id: callbackId } : {}),
    // Slack allows 24 characters in a modal title.
    title: { type: 'plain_text', text: [...softenPlainText(title)].slice(0, 24).join('') },
    close: { type: 'plain_text', text: '閉じる' },
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
  };
}
