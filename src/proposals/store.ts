import { createHash } from 'node:crypto';
import { immediate, type Durability } from '../infra/durable.js';
import type { Redis } from '../infra/redis.js';
import { historyKey, itemKey, P, RECENT, seqKey, submitKey, userKey, votesKey } from './keys.js';
import { isStatus, type ProposalStatus } from './status.js';
import { CATEGORIES, type Category } from './schema.js';
import type { Proposal, StatusChange } from './types.js';

/** The proposals in Redis (keys: src/proposals/keys.ts), with the Lua scripts that keep them consistent. */

export const SUBMISSION_TTL_SECONDS = 24 * 60 * 60;

/** A Lua script run by EVALSHA, loaded on first use (and again after a SCRIPT FLUSH or failover). */
class LuaScript {
  private readonly sha: string;
  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }
  async run(redis: Redis, keys: string[], args: (string | number)[]): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (err) {
      if (!(err instanceof Error) || !err.message.includes('NOSCRIPT')) throw err;
      return redis.eval(this.source, keys.length, ...keys, ...args);
    }
  }
}

// Allocates the next number of the fiscal year and stores the proposal in one atomic step,
// unless this submission (KEYS[1]) already created one: then returns that id.
const CREATE = new LuaScript(`
local existing = redis.call('GET', KEYS[1])
if existing then return {0, existing} end
local seq = redis.call('INCR', KEYS[2])
local id = ARGV[1] .. string.format('%04d', seq)
local item = ARGV[2] .. id
local score = tonumber(ARGV[3]) * 100000 + seq
redis.call('HSET', item, 'id', id, 'seq', tostring(seq), unpack(ARGV, 5))
redis.call('ZADD', KEYS[3], score, id)
redis.call('ZADD', KEYS[4], score, id)
redis.call('SET', KEYS[1], id, 'EX', tonumber(ARGV[4]))
return {1, id}
`);

// The proposer edits while the status is still the editable one.
const EDIT = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 'missing' end
if redis.call('HGET', KEYS[1], 'proposerId') ~= ARGV[1] then return 'forbidden' end
if redis.call('HGET', KEYS[1], 'status') ~= ARGV[2] then return 'locked' end
redis.call('HSET', KEYS[1], unpack(ARGV, 3))
return 'edited'
`);

// Compare-and-set of the status: from ARGV[1] to ARGV[2].
const TRANSITION = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 'missing' end
local cur = redis.call('HGET', KEYS[1], 'status')
if cur == ARGV[2] then return 'unchanged' end
if cur ~= ARGV[1] then return 'conflict' end
redis.call('HSET', KEYS[1], 'status', ARGV[2], 'statusNote', ARGV[3], 'reviewedBy', ARGV[4], 'updatedAt', ARGV[5])
redis.call('RPUSH', KEYS[2], ARGV[6])
return 'changed'
`);

// 共感: one per person, a second click takes it back.
const TOGGLE_VOTE = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return {-1, 0} end
local voted = 1
if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then
  redis.call('SREM', KEYS[2], ARGV[1])
  voted = 0
else
  redis.call('SADD', KEYS[2], ARGV[1])
end
return {voted, redis.call('SCARD', KEYS[2])}
`);

// Sets fields on an existing proposal only (never resurrects a deleted one as a stub).
const SET_IF_EXISTS = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV))
return 1
`);

export interface NewProposalFields {
  fiscalYear: number;
  idPrefix: string;
  title: string;
  category: Category;
  problem: string;
  body: string;
  effect: string;
  anonymous: boolean;
  proposerId: string;
  status: ProposalStatus;
  createdAt: string;
}

export class ProposalStore {
  /** `durable`: a number is handed out only once a replica holds it (src/infra/durable.ts). */
  constructor(
    private readonly redis: Redis,
    private readonly durable: Durability = immediate,
  ) {}

  async create(fields: NewProposalFields, submission: { userId: string; key: string }): Promise<{ id: string; created: boolean }> {
    const hash: Record<string, string> = {
      fiscalYear: String(fields.fiscalYear),
      title: fields.title,
      category: fields.category,
      problem: fields.problem,
      body: fields.body,
      effect: fields.effect,
      anonymous: fields.anonymous ? '1' : '0',
      proposerId: fields.proposerId,
      proposerName: '',
      status: fields.status,
      statusNote: '',
      createdAt: fields.createdAt,
      updatedAt: fields.createdAt,
    };
    // Idempotent by the submission key, so it is safe to run again after a failover: a retry
    // finds what the first attempt stored (if a replica kept it) or numbers it afresh.
    let created = false;
    const res = await this.durable.write(RECENT, async () => {
      const r = (await CREATE.run(
        this.redis,
        [submitKey(submission.userId, submission.key), seqKey(fields.fiscalYear), RECENT, userKey(fields.proposerId)],
        [fields.idPrefix, `${P}p:`, fields.fiscalYear, SUBMISSION_TTL_SECONDS, ...Object.entries(hash).flat()],
      )) as [number, string];
      created ||= r[0] === 1;
      return r;
    });
    return { id: res[1], created };
  }

  async edit(id: string, userId: string, editableStatus: ProposalStatus, fields: Record<string, string>): Promise<'edited' | 'missing' | 'forbidden' | 'locked'> {
    return (await this.durable.write(itemKey(id), () => EDIT.run(this.redis, [itemKey(id)], [userId, editableStatus, ...Object.entries(fields).flat()]))) as
      | 'edited'
      | 'missing'
      | 'forbidden'
      | 'locked';
  }

  async transition(id: string, change: StatusChange): Promise<'changed' | 'unchanged' | 'conflict' | 'missing'> {
    // A retry after a failover answers 'unchanged' when the first attempt was kept: still ours.
    let changed = false;
    const res = (await this.durable.write(itemKey(id), async () => {
      const r = (await TRANSITION.run(
        this.redis,
        [itemKey(id), historyKey(id)],
        [change.from, change.to, change.note, change.by, change.at, JSON.stringify(change)],
      )) as 'changed' | 'unchanged' | 'conflict' | 'missing';
      changed ||= r === 'changed';
      return r;
    })) as 'changed' | 'unchanged' | 'conflict' | 'missing';
    return changed ? 'changed' : res;
  }

  async toggleVote(id: string, userId: string): Promise<{ exists: boolean; voted: boolean; count: number }> {
    const [voted, count] = (await TOGGLE_VOTE.run(this.redis, [itemKey(id), votesKey(id)], [userId])) as [number, number];
    // A toggle is not idempotent: confirmed, not retried.
    await this.durable.confirm(votesKey(id));
    return { exists: voted !== -1, voted: voted === 1, count };
  }

  async setFields(id: string, fields: Record<string, string>): Promise<boolean> {
    return (await SET_IF_EXISTS.run(this.redis, [itemKey(id)], Object.entries(fields).flat())) === 1;
  }

  async get(id: string): Promise<Proposal | undefined> {
    const [p] = await this.getMany([id]);
    return p;
  }

  /** Loads proposals in the order given; missing ones are skipped. */
  async getMany(ids: string[]): Promise<Proposal[]> {
    if (ids.length === 0) return [];
    const pipe = this.redis.pipeline();
    for (const id of ids) pipe.hgetall(itemKey(id)).scard(votesKey(id)).lrange(historyKey(id), 0, -1);
    const res = (await pipe.exec()) ?? [];
    const out: Proposal[] = [];
    for (let i = 0; i < ids.length; i += 1) {
      const [e1, hash] = res[i * 3] ?? [];
      const [e2, votes] = res[i * 3 + 1] ?? [];
      const [e3, history] = res[i * 3 + 2] ?? [];
      const err = e1 ?? e2 ?? e3;
      if (err) throw err;
      const p = fromHash(hash as Record<string, string>, Number(votes), history as string[]);
      if (p) out.push(p);
    }
    return out;
  }

  /** Ids, newest first. */
  async recentIds(offset: number, limit: number): Promise<string[]> {
    return this.redis.zrevrange(RECENT, offset, offset + limit - 1);
  }

  async idsOf(userId: string, limit: number): Promise<string[]> {
    return this.redis.zrevrange(userKey(userId), 0, limit - 1);
  }

  async count(): Promise<number> {
    return this.redis.zcard(RECENT);
  }

  /** Every id, oldest first. */
  async allIds(): Promise<string[]> {
    return this.redis.zrange(RECENT, '0', '-1');
  }
}

function fromHash(h: Record<string, string> | undefined, votes: number, history: string[] | undefined): Proposal | undefined {
  if (!h || !h.id) return undefined;
  const status = isStatus(h.status) ? h.status : '受付';
  const category = (CATEGORIES.some((c) => c.value === h.category) ? h.category : 'other') as Category;
  return {
    id: h.id,
    fiscalYear: Number(h.fiscalYear),
    seq: Number(h.seq),
    title: h.title ?? '',
    category,
    problem: h.problem ?? '',
    body: h.body ?? '',
    effect: h.effect ?? '',
    anonymous: h.anonymous === '1',
    proposerId: h.proposerId ?? '',
    proposerName: h.proposerName ?? '',
    status,
    statusNote: h.statusNote ?? '',
    createdAt: h.createdAt ?? '',
    updatedAt: h.updatedAt ?? h.createdAt ?? '',
    editedAt: h.editedAt || undefined,
    post: h.postChannel && h.postTs ? { channel: h.postChannel, ts: h.postTs } : undefined,
    votes: Number.isFinite(votes) ? votes : 0,
    history: (history ?? []).flatMap((line) => {
      try {
        return [JSON.parse(line) as StatusChange];
      } catch {
        return [];
      }
    }),
  };
}
