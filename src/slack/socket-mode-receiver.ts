import { SocketModeReceiver, type App, type SocketModeReceiverOptions } from '@slack/bolt';
import type { Logger } from '../infra/logger.js';
import { logRefusal, type PayloadScreen } from './payload-screen.js';

/**
 * Bolt's SocketModeReceiver with the same payload screen as the HTTP receiver: every envelope's
 * payload is checked before Bolt sees it, and one that fails is acked (Slack stops re-sending it)
 * with one log line and nothing else. Bolt's receiver hands each envelope to `app.processEvent`;
 * this gives it an app whose processEvent screens first.
 */
export class ScreenedSocketModeReceiver extends SocketModeReceiver {
  constructor(options: SocketModeReceiverOptions & { screen: PayloadScreen; log: Logger }) {
    super(options);
    this.screen = options.screen;
    this.log = options.log;
  }

  private readonly screen: PayloadScreen;
  private readonly log: Logger;

  override init(app: App): void {
    const screened = Object.create(app, {
      processEvent: {
        value: async (event: Parameters<App['processEvent']>[0]) => {
          const verdict = this.screen(event.body);
          if (verdict.ok) return app.processEvent(event);
          logRefusal(this.log, verdict);
          await event.ack();
        },
      },
    }) as App;
    super.init(screened);
  }
}
