import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';

/** 詳しく見る (a URL button): Slack opens the link itself and still sends an action, which only needs an ack. */
export function announceLinkActionHandler() {
  return async ({ ack }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
  };
}
