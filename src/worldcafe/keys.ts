/**
 * Redis key names. Each session's keys (the session, its confirmed people, its waitlist and its
 * due-queue of direct messages) share the session's own hash tag, "{wc:<id>}", so that every Lua
 * script touches one slot and, on a Redis Cluster, different sessions spread over the nodes.
 * The indexes across sessions share "{wc}"; a person's list of sessions has their own tag.
 */
export interface Keys {
  /** The hash tag of the indexes, "{wc}" (also salts idempotent session ids). */
  prefix: string;
  session(id: string): string;
  confirmed(id: string): string;
  waiting(id: string): string;
  /** The session's notices: "kind|sessionId|userId" scored by when they fall due. */
  due(id: string): string;
  dueTries(id: string): string;
  /** The session's survey answers: user id → answer JSON (one answer each). */
  survey(id: string): string;
  /** Sessions a person signed up for (a superset: read against the session). */
  user(userId: string): string;
  /** Open sessions by start time. */
  upcoming: string;
  /** Every session that may still have notices due, by the time after which it has none. */
  active: string;
  /** Every session by start time (the monthly report reads it). */
  all: string;
  dirty: string;
  flushLock(id: string): string;
}

/** `base`: "wc", or a tag of their own for tests and benchmarks ("{wc-t1}" and "wc-t1" are the same). */
export function keysFor(base = 'wc'): Keys {
  const name = base.replace(/^\{(.*)\}$/, '$1');
  const prefix = `{${name}}`;
  const tag = (id: string) => `{${name}:${id}}`;
  return {
    prefix,
    session: (id) => `${tag(id)}:s`,
    confirmed: (id) => `${tag(id)}:c`,
    waiting: (id) => `${tag(id)}:w`,
    due: (id) => `${tag(id)}:due`,
    dueTries: (id) => `${tag(id)}:due:tries`,
    survey: (id) => `${tag(id)}:survey`,
    user: (userId) => `{${name}:u:${userId}}`,
    upcoming: `${prefix}:upcoming`,
    active: `${prefix}:active`,
    all: `${prefix}:all`,
    dirty: `${prefix}:dirty`,
    flushLock: (id) => `${prefix}:flush:${id}`,
  };
}

/** Session ids are 12 lowercase hex characters; anything else in a payload is forged or stale. */
export const SESSION_ID = /^[0-9a-f]{12}$/;
