import type { App, BlockButtonAction, BlockOverflowAction, ViewSubmitAction } from '@slack/bolt';
import type { Logger } from '../infra/logger.js';
import { requestLog } from './middleware/request-context.js';
import { noticeModal } from './notice-modal.js';
import { audienceOf, tellPrivately } from './private-reply.js';
import { router, type Gate, type Router } from './router.js';
import type { ButtonArgs, CommandArgs, OverflowArgs, RouteTable, ViewArgs } from './routes.js';

/** What anyone outside ADMIN_USER_IDS hears from an admin-only route. */
export const ADMIN_ONLY = 'この操作は管理者のみが行えます。';

export interface Routers {
  commands: Router<CommandArgs>;
  buttons: Router<ButtonArgs>;
  overflows: Router<OverflowArgs>;
  views: Router<ViewArgs>;
}

/**
 * Registers the merged route table with Bolt: one listener per kind (src/slack/router.ts), the
 * assistant first (it takes the assistant threads' messages before the DM listener sees them).
 * Returns the routers, through which tests drive handlers the way Bolt does.
 */
export function registerRoutes(app: App, table: RouteTable, o: { isAdmin(userId: string): boolean; logger: Logger }): Routers {
  /** Logs the refusal; returns the request's logger. */
  const refused = (context: Parameters<typeof requestLog>[0], user: string) => {
    const log = requestLog(context, o.logger);
    log.warn({ user }, 'refused: admin only');
    return log;
  };
  const actionGate = <A extends ButtonArgs | OverflowArgs>(): Gate<A> => ({
    allowed: (a) => o.isAdmin(a.body.user.id),
    refuse: async (a) => {
      await a.ack();
      await tellPrivately(a.client, audienceOf(a.body, a.respond), ADMIN_ONLY, undefined, refused(a.context, a.body.user.id));
    },
  });
  const routers: Routers = {
    commands: router<CommandArgs>(table.commands ?? {}, {
      allowed: (a) => o.isAdmin(a.command.user_id),
      refuse: async (a) => {
        refused(a.context, a.command.user_id);
        await a.ack({ response_type: 'ephemeral', text: ADMIN_ONLY });
      },
    }),
    buttons: router<ButtonArgs>(table.buttons ?? {}, actionGate()),
    overflows: router<OverflowArgs>(table.overflows ?? {}, actionGate()),
    views: router<ViewArgs>(table.views ?? {}, {
      allowed: (a) => o.isAdmin(a.body.user.id),
      refuse: async (a) => {
        refused(a.context, a.body.user.id);
        await a.ack({ response_action: 'update', view: noticeModal('お知らせ', ADMIN_ONLY) });
      },
    }),
  };

  if (table.assistant) app.assistant(table.assistant);
  const { app_mention, app_home_opened, message } = table.events ?? {};
  if (app_mention) app.event('app_mention', app_mention);
  if (app_home_opened) app.event('app_home_opened', app_home_opened);
  if (message) app.event('message', message);
  const { commands, buttons, overflows, views } = routers;
  if (table.commands) app.command(commands.ids, (args) => commands.handle(args.command.command, args));
  if (table.buttons) app.action<BlockButtonAction>({ type: 'block_actions', action_id: buttons.ids }, (args) => buttons.handle(args.action.action_id, args));
  if (table.overflows) app.action<BlockOverflowAction>({ type: 'block_actions', action_id: overflows.ids }, (args) => overflows.handle(args.action.action_id, args));
  if (table.views) app.view<ViewSubmitAction>({ callback_id: views.ids, type: 'view_submission' }, (args) => views.handle(args.view.callback_id, args));
  return routers;
}
