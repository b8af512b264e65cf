import { isIP } from 'node:net';
import { Redis, type Cluster } from 'ioredis';
import calculateSlot from 'cluster-key-slot';
import type { Logger } from './logger.js';
import { isCluster, type RedisClient } from './redis.js';
import type { HostPort, RedisTarget } from './redis-url.js';

/**
 * "Acknowledged" means "on a replica too". Redis replicates asynchronously: a write the master
 * answered can still vanish when a replica takes over (a planned SENTINEL FAILOVER promotes the
 * replica while clients still write to the old master, which then resyncs and drops those
 * writes; a crashed master takes its unreplicated tail with it). So before the bot tells a user
 * 「登録しました」 it asks Redis (WAIT) that the write reached `waitReplicas` replicas, capped at
 * the replicas the control plane (the Sentinels, or the Cluster's slot table) counts as healthy:
 * a master whose only replica is down keeps working alone, since nothing can then take over.
 * The counts are cached for up to a second, but a zero is asked again after the write (a replica
 * that came back, or an old master demoted after a failover, may be online by then): a write
 * goes unconfirmed only when, asked after it, neither the control plane nor the master (ROLE)
 * counts a replica.
 *
 * A write that is not confirmed is not acknowledged: `write()` runs it again (every caller's
 * write is idempotent) once the client has followed the failover, and gives up with
 * NotDurableError — which the Slack glue turns into 「一時的に利用できません」 — after `deadlineMs`.
 * docs/scaling.md says what this does and does not guarantee.
 */
export interface Durability {
  /** Confirms the writes sent so far to the node holding `key`. Throws NotDurableError. */
  confirm(key: string): Promise<void>;
  /** Runs `write` (idempotent), then confirm(key); again while a failover settles. */
  write<T>(key: string, write: () => Promise<T>): Promise<T>;
  /** For /healthz: a write to a master, confirmed as above. */
  check(): Promise<boolean>;
  close(): void;
}

export class NotDurableError extends Error {
  override name = 'NotDurableError';
}

/** For stores used without one (tests of a single domain, the CLIs): every write counts at once. */
export const immediate: Durability = {
  confirm: async () => undefined,
  write: (_key, write) => write(),
  check: async () => true,
  close: () => undefined,
};

const HEALTH_KEY = '{minato}:healthz';
const VIEW_TTL_MS = 1_000;

/** Whether a cached answer asked `at` (performance.now()) must be asked again: too old, or asked before `since`. */
const stale = (at: number, ttlMs: number, since?: number) => performance.now() - at > ttlMs || (since !== undefined && at <= since);

/** `viewTtlMs`: how long the replica counts are cached (tests set it long, to hold a count that is out of date). */
export function createDurability(redis: Redis, target: RedisTarget, logger: Logger, deadlineMs = 2_000, viewTtlMs = VIEW_TTL_MS): Durability {
  const want = target.waitReplicas;
  const timeout = target.waitTimeoutMs;
  const sentinel = target.kind === 'sentinel' ? sentinelView(target, viewTtlMs) : undefined;
  const client = redis as unknown as RedisClient;

  /** How many replicas must confirm a write to `key`'s master now (the write was answered before this is called). */
  async function required(key: string): Promise<number> {
    if (want === 0) return 0;
    if (!isCluster(redis) && !sentinel) return want;
    const since = performance.now();
    const n = await replicasNow(key);
    // A cached zero may be from before a replica came (back) online: asked again, after the write.
    return n > 0 ? n : replicasNow(key, since);
  }

  /** The replicas `key`'s master has, as far as the caches tell (answers asked after `since`, when given). */
  async function replicasNow(key: string, since?: number): Promise<number> {
    if (isCluster(redis)) {
      const nodes = (client as Cluster).slots[calculateSlot(key)];
      return Math.min(want, Math.max(nodes ? nodes.length - 1 : 0, await connectedReplicas(key, nodes?.[0] ?? key, since)));
    }
    const [view, connected] = await Promise.all([sentinel!.get(since), connectedReplicas(key, '', since)]);
    const at = (client as Redis).stream;
    if (at && !sameAddress(view.master, at.remoteAddress, at.remotePort, target)) {
      throw new NotDurableError('connected to a master the Sentinels no longer name');
    }
    return Math.min(want, Math.max(view.healthyReplicas, connected));
  }

  /**
   * The replicas `key`'s master reports as connected (ROLE, asked at most once a second per
   * node, or again when asked before `since`). Taken together with what the control plane lists,
   * the larger count wins: ioredis' slot table (CLUSTER SLOTS, without failed replicas) lags by up
   * to its 2 s refresh and misses replicas a node has not heard of yet; the Sentinels refresh a
   * replica's reported role only every few seconds.
   */
  const roles = new Map<string, { at: number; replicas: Promise<number> }>();
  async function connectedReplicas(key: string, scope: string, since?: number): Promise<number> {
    let cached = roles.get(scope);
    if (!cached || stale(cached.at, viewTtlMs, since)) {
      // ROLE has no key: on a Cluster, pipelined behind a read of `key`, it runs on that key's master.
      const role = isCluster(redis)
        ? redis.pipeline().exists(key).call('ROLE').exec().then((r) => r?.[1]?.[1])
        : redis.call('ROLE');
      const replicas = role.then((r) => {
        const reply = r as unknown[] | undefined;
        return reply?.[0] === 'master' && Array.isArray(reply[2]) ? reply[2].length : 0;
      });
      cached = { at: performance.now(), replicas };
      roles.set(scope, cached);
      replicas.catch(() => roles.delete(scope));
    }
    return cached.replicas;
  }

  /**
   * One WAIT covers every write this connection sent before it, so concurrent confirmations share
   * them: per node at most one WAIT in flight and one queued behind it (sent once the first one
   * is answered, so it covers every write acknowledged before it was queued).
   */
  const waits = new Map<string, { inflight?: Promise<number>; next?: Promise<number> }>();
  function sharedWait(key: string, n: number): Promise<number> {
    const scope = isCluster(redis) ? ((client as Cluster).slots[calculateSlot(key)]?.[0] ?? key) : '';
    let st = waits.get(scope);
    if (!st) waits.set(scope, (st = {}));
    const state = st;
    const send = (): Promise<number> => {
      const p = waitFor(key, n).finally(() => {
        if (state.inflight === p) state.inflight = undefined;
      });
      state.inflight = p;
      return p;
    };
    if (!state.inflight) return send();
    state.next ??= state.inflight
      .catch(() => 0)
      .then(() => {
        state.next = undefined;
        return send();
      });
    return state.next;
  }

  async function waitFor(key: string, n: number): Promise<number> {
    if (!isCluster(redis)) return Number(await redis.call('WAIT', n, timeout));
    // WAIT has no key: pipeline it behind a read of `key` so it runs on that key's node and
    // connection, the one the write went through.
    const replies = await redis.pipeline().exists(key).call('WAIT', n, timeout).exec();
    const [err, acked] = replies?.[1] ?? [new Error('no reply')];
    if (err) throw err;
    return Number(acked);
  }

  async function confirm(key: string): Promise<void> {
    const n = await required(key);
    if (n === 0) return;
    const acked = await sharedWait(key, n);
    if (acked >= n) return;
    sentinel?.invalidate();
    roles.clear();
    if (isCluster(redis)) (client as Cluster).refreshSlotsCache();
    throw new NotDurableError(`WAIT: ${acked} of ${n} replicas confirmed within ${timeout} ms`);
  }

  return {
    confirm,
    async write(key, write) {
      const until = Date.now() + deadlineMs;
      for (let attempt = 1; ; attempt++) {
        try {
          const result = await write();
          await confirm(key);
          return result;
        } catch (err) {
          if (!retryable(err)) throw err;
          if (Date.now() + 200 > until) {
            logger.warn({ err: (err as Error).message, key, attempt }, 'write not confirmed by the replicas: not acknowledged');
            throw err instanceof NotDurableError ? err : new NotDurableError((err as Error).message);
          }
          logger.info({ err: (err as Error).message, attempt }, 'write not yet confirmed (failover?): retrying');
          await new Promise((r) => setTimeout(r, Math.min(100 * attempt, 400)));
        }
      }
    },
    async check() {
      try {
        if (!isCluster(redis)) {
          const role = (await redis.call('ROLE')) as unknown[];
          if (role[0] !== 'master') return false;
        }
        await this.write(HEALTH_KEY, () => redis.set(HEALTH_KEY, String(Date.now()), 'PX', 60_000));
        return true;
      } catch {
        return false;
      }
    },
    close: () => sentinel?.close(),
  };
}

/** Redis errors that a failover explains: worth one more try once the client has moved. */
function retryable(err: unknown): boolean {
  if (err instanceof NotDurableError) return true;
  const msg = err instanceof Error ? err.message : '';
  return /READONLY|LOADING|MASTERDOWN|CLUSTERDOWN|TRYAGAIN|NOREPLICAS|Connection is closed|ECONNREFUSED|ECONNRESET|isn't ready|timed out|timeout/i.test(msg);
}

/** Whether the connection leads to the master the Sentinels name (by port only when they name it by host name). */
function sameAddress(master: HostPort, host: string | undefined, port: number | undefined, target: RedisTarget): boolean {
  const mapped = (target.kind !== 'single' && target.natMap?.[`${master.host}:${master.port}`]) || master;
  const norm = (h: string | undefined) => (h ?? '').replace(/^::ffff:/, '');
  return mapped.port === port && (isIP(mapped.host) === 0 || norm(mapped.host) === norm(host));
}

interface View {
  master: HostPort;
  healthyReplicas: number;
}

/**
 * What the Sentinels say about the master: its address and how many of its replicas replicate
 * from it. Asked of every Sentinel, at most once a second (and again after a write when the
 * counts were zero), and trusted only when a majority answered, all name the same master and
 * none is in the middle of a failover; otherwise no write is acknowledged (NotDurableError) until
 * they agree. A listed replica that still reports itself
 * as master (the old master of a planned failover, before the Sentinels demote it, which takes
 * them about 10 s) is not counted: it cannot take over while it is not a replica.
 */
function sentinelView(target: Extract<RedisTarget, { kind: 'sentinel' }>, ttlMs: number) {
  let cached: { at: number; view: Promise<View> } | undefined;
  const clients = target.sentinels.map(
    (s) =>
      new Redis({
        host: s.host,
        port: s.port,
        username: target.sentinelUsername,
        password: target.sentinelPassword,
        tls: target.tls ? {} : undefined,
        lazyConnect: true,
        connectTimeout: 1_000,
        commandTimeout: 1_000,
        maxRetriesPerRequest: 0,
        retryStrategy: () => 500,
      }),
  );
  for (const c of clients) c.on('error', () => undefined);

  async function askOne(c: Redis): Promise<{ master: HostPort; failover: boolean; healthy: number }> {
    const replies = await c.pipeline().call('SENTINEL', 'MASTER', target.name).call('SENTINEL', 'REPLICAS', target.name).exec();
    if (!replies || replies.some(([err]) => err)) throw new Error('sentinel did not answer');
    const master = fields(replies[0]![1] as string[]);
    const replicas = (replies[1]![1] as string[][]).map(fields);
    return {
      master: { host: master.ip ?? '', port: Number(master.port) },
      failover: /failover_in_progress|promoted/.test(master.flags ?? '') || (master['failover-state'] ?? 'none') !== 'none',
      healthy: replicas.filter((r) => r['role-reported'] === 'slave' && !/s_down|o_down|disconnected/.test(r.flags ?? '')).length,
    };
  }

  async function ask(): Promise<View> {
    const answers = (await Promise.allSettled(clients.map(askOne))).flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
    if (answers.length <= clients.length / 2) throw new NotDurableError('fewer than a majority of the Sentinels answered');
    const [first] = answers;
    if (answers.some((a) => a.failover || a.master.host !== first!.master.host || a.master.port !== first!.master.port)) {
      throw new NotDurableError('the Sentinels are failing over');
    }
    return { master: first!.master, healthyReplicas: Math.max(...answers.map((a) => a.healthy)) };
  }

  return {
    /** The view, asked again if older than `ttlMs` or asked before `since`. */
    get(since?: number): Promise<View> {
      if (!cached || stale(cached.at, ttlMs, since)) {
        const view = ask();
        cached = { at: performance.now(), view };
        view.catch(() => (cached = undefined));
      }
      return cached.view;
    },
    invalidate: () => (cached = undefined),
    close: () => clients.forEach((c) => c.disconnect()),
  };
}

function fields(flat: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[flat[i]!] = flat[i + 1]!;
  return out;
}
