/**
 * Redis key names. Every key carries the same hash tag ("{wc}" by default), so that in a Redis
 * Cluster they live in one slot and each Lua script can touch all of them atomically. The
 * feature's whole data set is small (a ward office's events), so one slot is plenty.
 */
export interface Keys {
  prefix: string;
  session(id: string): string;
  confirmed(id: string): string;
  waiting(id: string): string;
  user(userId: string): string;
  upcoming: string;
  due: string;
  dueTries: string;
  dirty: string;
  flushLock(id: string): string;
}

export function keysFor(prefix = '{wc}'): Keys {
  return {
    prefix,
    session: (id) => `${prefix}:s:${id}`,
    confirmed: (id) => `${prefix}:s:${id}:c`,
    waiting: (id) => `${prefix}:s:${id}:w`,
    user: (userId) => `${prefix}:u:${userId}`,
    upcoming: `${prefix}:upcoming`,
    due: `${prefix}:due`,
    dueTries: `${prefix}:due:tries`,
    dirty: `${prefix}:dirty`,
    flushLock: (id) => `${prefix}:flush:${id}`,
  };
}

/** Session ids are 12 lowercase hex characters; anything else in a payload is forged or stale. */
export const SESSION_ID = /^[0-9a-f]{12}$/;
