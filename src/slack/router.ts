import type { Deps } from '../deps.js';

/**
 * One Bolt listener per kind of request, routing by Slack's id to the named handlers.
 *
 * Bolt runs the middleware chain of every registered listener for every request it receives
 * (App.processEvent maps over all of them, and each listener that says "not mine" still costs
 * an args object, a promise and a copied middleware array). With one `app.action(id, …)` per
 * button, a burst of /plan commands spent most of what it allocated before its ack in listeners
 * that were not for it: that is what young-generation GCs then stop the acks for (measured with
 * `npm run bench -- ack`; README, "About ack_ratio"). So each kind is registered once, matching
 * exactly the ids of its table, and the table picks the handler.
 *
 *   export const COMMAND_ROUTES = { '/plan': planCommandHandler, … } satisfies Routes<CommandArgs>;
 *   const commands = router(COMMAND_ROUTES, deps);
 *   app.command(commands.ids, (args) => commands.handle(args.command.command, args));
 *
 * The tables are plain data, so tests and the manifest check read the ids from them.
 */

/** Slack's id (a command, an action_id, a callback_id) → the factory of its handler. */
export type Routes<A> = Readonly<Record<string, (deps: Deps) => (args: A) => Promise<void>>>;

export interface Router<A> {
  /** Matches exactly the table's ids, for Bolt's constraint. */
  ids: RegExp;
  handle(id: string, args: A): Promise<void>;
}

export function router<A>(routes: Routes<A>, deps: Deps): Router<A> {
  const handlers = new Map(Object.entries(routes).map(([id, make]) => [id, make(deps)]));
  return {
    ids: exactly(Object.keys(routes)),
    // Bolt only calls this for an id that `ids` matched, so the table has it.
    handle: async (id, args) => handlers.get(id)?.(args),
  };
}

function exactly(ids: string[]): RegExp {
  return new RegExp(`^(?:${ids.map((id) => id.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
}
