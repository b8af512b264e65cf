import type {
  AllMiddlewareArgs,
  Assistant,
  BlockButtonAction,
  BlockOverflowAction,
  SlackActionMiddlewareArgs,
  SlackCommandMiddlewareArgs,
  SlackEventMiddlewareArgs,
  SlackViewMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import type { Routes } from './router.js';

/**
 * What a feature hands the registrar (src/slack/register.ts): its slash commands, buttons,
 * overflow menus and modal submissions by id, its Events API handlers by event type, and its
 * assistant. src/app.ts merges every feature's table and refuses to start on a duplicate.
 */

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;
export type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;
export type OverflowArgs = SlackActionMiddlewareArgs<BlockOverflowAction> & AllMiddlewareArgs;
export type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;
export type EventArgs<E extends 'app_mention' | 'message' | 'app_home_opened'> = SlackEventMiddlewareArgs<E> & AllMiddlewareArgs;

export interface RouteTable {
  /** Slash commands, by name (each must be declared in manifest.yml: test/manifest.test.ts). */
  commands?: Routes<CommandArgs>;
  /** Buttons, by action_id. */
  buttons?: Routes<ButtonArgs>;
  /** Overflow menus, by action_id. */
  overflows?: Routes<OverflowArgs>;
  /** Modal submissions, by callback_id. Handlers answer inline errors through ack({ response_action: 'errors' }). */
  views?: Routes<ViewArgs>;
  /** Events API, one handler per event type. */
  events?: {
    app_mention?: (args: EventArgs<'app_mention'>) => Promise<void>;
    message?: (args: EventArgs<'message'>) => Promise<void>;
    app_home_opened?: (args: EventArgs<'app_home_opened'>) => Promise<void>;
  };
  assistant?: Assistant;
}

const KINDS = ['commands', 'buttons', 'overflows', 'views', 'events'] as const;

/** One table from the features' tables. Throws on an id two features both claim. */
export function mergeRoutes(tables: RouteTable[]): RouteTable {
  const merged: Record<string, Record<string, unknown>> = {};
  let assistant: Assistant | undefined;
  for (const table of tables) {
    for (const kind of KINDS) {
      for (const [id, route] of Object.entries(table[kind] ?? {})) {
        const into = (merged[kind] ??= {});
        if (id in into) throw new Error(`duplicate route: ${kind} "${id}" is claimed twice`);
        into[id] = route;
      }
    }
    if (table.assistant) {
      if (assistant) throw new Error('duplicate route: two assistants');
      assistant = table.assistant;
    }
  }
  return { ...(merged as RouteTable), ...(assistant ? { assistant } : {}) };
}
