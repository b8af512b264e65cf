/**
 * One Bolt listener per kind of request, routing by Slack's id to the named handlers.
 *
 * Bolt runs the middleware chain of every registered listener for every request it receives
 * (App.processEvent maps over all of them, and each listener that says "not mine" still costs
 * an args object, a promise and a copied middleware array). With one `app.action(id, …)` per
 * button, a burst of /plan commands spent most of what it allocated before its ack in listeners
 * that were not for it: that is what young-generation GCs then stop the acks for (measured with
 * `npm run bench -- ack`; docs/architecture.md). So each kind is registered once, matching
 * exactly the ids of its table, and the table picks the handler (src/slack/register.ts).
 *
 * A route marked `admin: true` is refused by the router, before its handler runs, to anyone not
 * in ADMIN_USER_IDS. The tables are plain data, so tests and the manifest check read them.
 */

export interface Route<A> {
  handle(args: A): Promise<void>;
  /** Only for ADMIN_USER_IDS: everyone else is refused (privately) and nothing runs. */
  admin?: true;
}

/** Slack's id (a command, an action_id, a callback_id) → its route. */
export type Routes<A> = Readonly<Record<string, Route<A>>>;

/** How one kind of request is checked for admin routes and refused. */
export interface Gate<A> {
  allowed(args: A): boolean;
  refuse(args: A): Promise<void>;
}

export interface Router<A> {
  /** Matches exactly the table's ids, for Bolt's constraint. */
  ids: RegExp;
  handle(id: string, args: A): Promise<void>;
}

export function router<A>(routes: Routes<A>, gate: Gate<A>): Router<A> {
  const table = new Map(Object.entries(routes));
  return {
    ids: exactly([...table.keys()]),
    // Bolt only calls this for an id that `ids` matched, so the table has it.
    handle: async (id, args) => {
      const route = table.get(id);
      if (!route) return;
      if (route.admin && !gate.allowed(args)) return gate.refuse(args);
      await route.handle(args);
    },
  };
}

function exactly(ids: string[]): RegExp {
  return new RegExp(`^(?:${ids.map((id) => id.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})$`);
}
