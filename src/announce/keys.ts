/**
 * Every Redis key of announcements. Single-key commands only, so it also runs on a Redis Cluster.
 */
export const ANNOUNCE_KEYS = {
  /** A checked draft awaiting the admin's 送信 (1 h). */
  draft: (draftId: string) => `announce:draft:${draftId}`,
  /** The announcement id a draft became (double clicks make one). */
  commit: (draftId: string) => `announce:commit:${draftId}`,
  /** The announcement (JSON). */
  item: (id: string) => `announce:item:${id}`,
  /** Set of users who pressed 参加. */
  joined: (id: string) => `announce:joined:${id}`,
  /** Sorted set: id by due time (ms) — the due-queue, survives restarts. */
  due: 'announce:due',
  /** Sorted set: id by creation time (ms) — for listing. */
  index: 'announce:index',
  /** Held while one replica sends (or cancels) an announcement. */
  lease: (id: string) => `announce:lease:${id}`,
  /** One target channel's delivery: claimed while in flight, then the Delivery. */
  sent: (id: string, channel: string) => `announce:sent:${id}:${channel}`,
} as const;
