import { createHash } from 'node:crypto';
import type { Redis } from '../infra/redis.js';

/**
 * The Lua scripts that make every seat change atomic. Redis runs a script as one step, so no
 * two joins can both see a free last seat, whatever the concurrency and however many replicas.
 *
 * Every script touches one session's keys only, all under the session's own hash tag (so on a
 * Redis Cluster each session lives in its own slot): a hash (the session), a sorted set of
 * confirmed people and one of the waitlist, both scored by a per-session sequence number (first
 * come, first served), and the session's due-queue of direct messages, members
 * "kind|sessionId|userId" scored by when they fall due. The indexes across sessions (upcoming,
 * dirty, a person's sessions) are kept by src/worldcafe/store.ts around the scripts.
 */

const HELPERS = `
local function member(kind, sid, uid) return kind .. '|' .. sid .. '|' .. uid end
-- Confirmed attendees get the two reminders and, once the session has ended, the survey.
local function remind(dueKey, sid, uid, now, dayBefore, soon, survey)
  if dayBefore > now then redis.call('ZADD', dueKey, dayBefore, member('day_before', sid, uid)) end
  if soon > now then redis.call('ZADD', dueKey, soon, member('soon', sid, uid)) end
  if survey and survey > 0 then redis.call('ZADD', dueKey, survey, member('survey', sid, uid)) end
end
local function unremind(dueKey, sid, uid)
  redis.call('ZREM', dueKey, member('day_before', sid, uid), member('soon', sid, uid), member('promoted', sid, uid), member('survey', sid, uid))
end
local function promote(cKey, wKey, dueKey, sid, cap, now, dayBefore, soon, survey)
  local promoted = {}
  while redis.call('ZCARD', cKey) < cap do
    local p = redis.call('ZPOPMIN', wKey)
    if #p == 0 then break end
    redis.call('ZADD', cKey, p[2], p[1])
    remind(dueKey, sid, p[1], now, dayBefore, soon, survey)
    redis.call('ZADD', dueKey, now, member('promoted', sid, p[1]))
    promoted[#promoted + 1] = p[1]
  end
  return promoted
end
-- Relative to the caller's clock (the domain's now), not the server's: the same in production, and
-- a session set in a test's fixed month keeps its data for its retention however late the test runs.
local function expire(at, now, ...)
  for _, k in ipairs({...}) do redis.call('PEXPIRE', k, at - now) end
end
`;

/** KEYS: session, confirmed, waiting, due. ARGV: userId, now, sessionId. */
export const JOIN = `${HELPERS}
local s = redis.call('HMGET', KEYS[1], 'status', 'capacity', 'deadlineAt', 'startAt', 'remindDayBeforeAt', 'remindSoonAt', 'expireAt', 'surveyAt')
if not s[1] then return {'refused', 'missing'} end
if s[1] == 'cancelled' then return {'refused', 'cancelled'} end
local uid, now, sid = ARGV[1], tonumber(ARGV[2]), ARGV[3]
local cap = tonumber(s[2])
if redis.call('ZSCORE', KEYS[2], uid) then
  return {'already_confirmed', 0, redis.call('ZCARD', KEYS[2]), cap, redis.call('ZCARD', KEYS[3])}
end
local rank = redis.call('ZRANK', KEYS[3], uid)
if rank then
  return {'already_waiting', rank + 1, redis.call('ZCARD', KEYS[2]), cap, redis.call('ZCARD', KEYS[3])}
end
if now >= tonumber(s[4]) then return {'refused', 'started'} end
if now >= tonumber(s[3]) then return {'refused', 'closed'} end
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
local outcome, position = 'confirmed', 0
if redis.call('ZCARD', KEYS[2]) < cap then
  redis.call('ZADD', KEYS[2], seq, uid)
  remind(KEYS[4], sid, uid, now, tonumber(s[5]), tonumber(s[6]), tonumber(s[8] or '0'))
else
  redis.call('ZADD', KEYS[3], seq, uid)
  outcome, position = 'waiting', redis.call('ZCARD', KEYS[3])
  -- The longest the waitlist has been, for the monthly report.
  if position > tonumber(redis.call('HGET', KEYS[1], 'waitPeak') or '0') then redis.call('HSET', KEYS[1], 'waitPeak', position) end
end
expire(tonumber(s[7]), now, KEYS[2], KEYS[3], KEYS[4])
return {outcome, position, redis.call('ZCARD', KEYS[2]), cap, redis.call('ZCARD', KEYS[3])}
`;

/** KEYS: session, confirmed, waiting, due. ARGV: userId, now, sessionId. */
export const LEAVE = `${HELPERS}
local s = redis.call('HMGET', KEYS[1], 'status', 'capacity', 'startAt', 'remindDayBeforeAt', 'remindSoonAt', 'surveyAt')
if not s[1] then return {'refused', 'missing'} end
if s[1] == 'cancelled' then return {'refused', 'cancelled'} end
local uid, now, sid = ARGV[1], tonumber(ARGV[2]), ARGV[3]
local cap = tonumber(s[2])
if now >= tonumber(s[3]) then return {'refused', 'started'} end
local out
if redis.call('ZREM', KEYS[2], uid) == 1 then
  unremind(KEYS[4], sid, uid)
  local promoted = promote(KEYS[2], KEYS[3], KEYS[4], sid, cap, now, tonumber(s[4]), tonumber(s[5]), tonumber(s[6] or '0'))
  out = {'left_seat', redis.call('ZCARD', KEYS[2]), cap, redis.call('ZCARD', KEYS[3])}
  for _, p in ipairs(promoted) do out[#out + 1] = p end
elseif redis.call('ZREM', KEYS[3], uid) == 1 then
  out = {'left_waitlist', redis.call('ZCARD', KEYS[2]), cap, redis.call('ZCARD', KEYS[3])}
else
  return {'not_signed_up'}
end
-- Sign-ups given up, for the monthly report.
redis.call('HINCRBY', KEYS[1], 'withdrawn', 1)
return out
`;

/** KEYS: session, confirmed, waiting, due. ARGV: capacity, now, sessionId. */
export const SET_CAPACITY = `${HELPERS}
local s = redis.call('HMGET', KEYS[1], 'status', 'startAt', 'remindDayBeforeAt', 'remindSoonAt', 'surveyAt')
if not s[1] then return {'refused', 'missing'} end
if s[1] == 'cancelled' then return {'refused', 'cancelled'} end
local cap, now, sid = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3]
if now >= tonumber(s[2]) then return {'refused', 'started'} end
redis.call('HSET', KEYS[1], 'capacity', cap)
-- Raising promotes in order; lowering only stops new confirmations (nobody is removed).
local promoted = promote(KEYS[2], KEYS[3], KEYS[4], sid, cap, now, tonumber(s[3]), tonumber(s[4]), tonumber(s[5] or '0'))
local out = {'changed', redis.call('ZCARD', KEYS[2]), cap, redis.call('ZCARD', KEYS[3])}
for _, p in ipairs(promoted) do out[#out + 1] = p end
return out
`;

/**
 * KEYS: session, confirmed, waiting, due.
 * ARGV: now, sessionId, startAt, endAt, deadlineAt, remindDayBeforeAt, remindSoonAt, expireAt, surveyAt.
 */
export const RESCHEDULE = `${HELPERS}
local s = redis.call('HMGET', KEYS[1], 'status', 'startAt')
if not s[1] then return {'refused', 'missing'} end
if s[1] == 'cancelled' then return {'refused', 'cancelled'} end
local now, sid = tonumber(ARGV[1]), ARGV[2]
if now >= tonumber(s[2]) then return {'refused', 'started'} end
local dayBefore, soon, expireAt, survey = tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9])
redis.call('HSET', KEYS[1], 'startAt', ARGV[3], 'endAt', ARGV[4], 'deadlineAt', ARGV[5],
  'remindDayBeforeAt', ARGV[6], 'remindSoonAt', ARGV[7], 'expireAt', ARGV[8], 'surveyAt', ARGV[9])
local version = redis.call('HINCRBY', KEYS[1], 'version', 1)
local confirmed = redis.call('ZRANGE', KEYS[2], 0, -1)
local waiting = redis.call('ZRANGE', KEYS[3], 0, -1)
for _, uid in ipairs(confirmed) do
  redis.call('ZREM', KEYS[4], member('day_before', sid, uid), member('soon', sid, uid))
  remind(KEYS[4], sid, uid, now, dayBefore, soon, survey)
  redis.call('ZADD', KEYS[4], now, member('moved', sid, uid))
end
for _, uid in ipairs(waiting) do redis.call('ZADD', KEYS[4], now, member('moved', sid, uid)) end
expire(expireAt, now, KEYS[1], KEYS[2], KEYS[3], KEYS[4])
local out = {'rescheduled', version, #confirmed}
for _, uid in ipairs(confirmed) do out[#out + 1] = uid end
for _, uid in ipairs(waiting) do out[#out + 1] = uid end
return out
`;

/** KEYS: session, confirmed, waiting, due. ARGV: now, sessionId. */
export const CANCEL_SESSION = `${HELPERS}
local s = redis.call('HMGET', KEYS[1], 'status', 'startAt')
if not s[1] then return {'refused', 'missing'} end
if s[1] == 'cancelled' then return {'refused', 'cancelled'} end
local now, sid = tonumber(ARGV[1]), ARGV[2]
if now >= tonumber(s[2]) then return {'refused', 'started'} end
redis.call('HSET', KEYS[1], 'status', 'cancelled', 'cancelledAt', ARGV[1])
local confirmed = redis.call('ZRANGE', KEYS[2], 0, -1)
local waiting = redis.call('ZRANGE', KEYS[3], 0, -1)
for _, uid in ipairs(confirmed) do
  unremind(KEYS[4], sid, uid)
  redis.call('ZADD', KEYS[4], now, member('cancelled', sid, uid))
end
for _, uid in ipairs(waiting) do redis.call('ZADD', KEYS[4], now, member('cancelled', sid, uid)) end
local out = {'cancelled', #confirmed}
for _, uid in ipairs(confirmed) do out[#out + 1] = uid end
for _, uid in ipairs(waiting) do out[#out + 1] = uid end
return out
`;

/** KEYS: session. ARGV: field, value, … Sets fields only on a session that exists. */
export const SET_IF_EXISTS = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV))
return 1
`;

/** KEYS: due, tries. ARGV: now, limit, leaseUntil. Leases due members: returns member, tries, … */
export const CLAIM_DUE = `
local items = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
local out = {}
for _, m in ipairs(items) do
  redis.call('ZADD', KEYS[1], ARGV[3], m)
  out[#out + 1] = m
  out[#out + 1] = redis.call('HINCRBY', KEYS[2], m, 1)
end
return out
`;

/** KEYS: due, tries. ARGV: member, lease. Removes the member only if still held by this lease. */
export const COMPLETE_DUE = `
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
if score and tonumber(score) == tonumber(ARGV[2]) then
  redis.call('ZREM', KEYS[1], ARGV[1])
  return 1
end
return 0
`;

/** KEYS: due, tries. ARGV: member, lease, at. Moves a leased notice to a later time (still pending), if still held by this lease. */
export const DEFER_DUE = `
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not score or tonumber(score) ~= tonumber(ARGV[2]) then return 0 end
redis.call('ZADD', KEYS[1], tonumber(ARGV[3]), ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
return 1
`;

/**
 * KEYS: session, confirmed, survey answers (one session's tag). ARGV: userId, now, answer JSON.
 * Stores a confirmed attendee's survey answer once the session has ended; a second answer
 * replaces the first. Returns {'saved' | 'replaced'} or {'refused', reason}.
 */
export const SAVE_SURVEY = `
local s = redis.call('HMGET', KEYS[1], 'status', 'endAt', 'expireAt')
if not s[1] then return {'refused', 'missing'} end
if s[1] == 'cancelled' then return {'refused', 'cancelled'} end
if tonumber(ARGV[2]) < tonumber(s[2]) then return {'refused', 'not_ended'} end
if not redis.call('ZSCORE', KEYS[2], ARGV[1]) then return {'refused', 'not_attendee'} end
local added = redis.call('HSET', KEYS[3], ARGV[1], ARGV[3])
redis.call('PEXPIRE', KEYS[3], tonumber(s[3]) - tonumber(ARGV[2]))
if added == 1 then return {'saved'} end
return {'replaced'}
`;

/**
 * KEYS: dirty. ARGV: lockPrefix, lockMs, limit, budgetKey, budgetMax (0 = none), budgetTtlMs.
 * Takes dirty sessions whose flush lock is free, within a shared budget of updates per window.
 */
export const TAKE_DIRTY = `
local ids = redis.call('SRANDMEMBER', KEYS[1], tonumber(ARGV[3]))
local budgetMax = tonumber(ARGV[5])
local out = {}
for _, id in ipairs(ids) do
  if budgetMax > 0 and tonumber(redis.call('GET', ARGV[4]) or '0') >= budgetMax then break end
  if redis.call('SET', ARGV[1] .. id, '1', 'NX', 'PX', tonumber(ARGV[2])) then
    redis.call('SREM', KEYS[1], id)
    if budgetMax > 0 then
      redis.call('INCR', ARGV[4])
      redis.call('PEXPIRE', ARGV[4], tonumber(ARGV[6]))
    end
    out[#out + 1] = id
  end
end
return out
`;

/**
 * KEYS: session. ARGV: id, expireAt, now, field, value, …
 * Creates the session unless one with this id exists (an idempotent re-submission). 1 = created.
 */
export const CREATE_SESSION = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 4))
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) - tonumber(ARGV[3]))
return 1
`;

const shas = new Map<string, string>();

/** Every script above, for loading them into a server ahead of the first burst. */
export const ALL_SCRIPTS = [JOIN, LEAVE, SET_CAPACITY, RESCHEDULE, CANCEL_SESSION, SET_IF_EXISTS, CLAIM_DUE, COMPLETE_DUE, DEFER_DUE, TAKE_DIRTY, CREATE_SESSION, SAVE_SURVEY];

/** SCRIPT LOAD for every script, so a burst of first joins does not all miss with NOSCRIPT. */
export async function loadScripts(redis: Redis): Promise<void> {
  await Promise.all(ALL_SCRIPTS.map((s) => redis.script('LOAD', s)));
}

/** EVALSHA with a fallback to EVAL the first time a server sees the script. */
export async function runScript(redis: Redis, script: string, keys: string[], args: (string | number)[]): Promise<unknown> {
  let sha = shas.get(script);
  if (!sha) {
    sha = createHash('sha1').update(script).digest('hex');
    shas.set(script, sha);
  }
  try {
    return await redis.evalsha(sha, keys.length, ...keys, ...args);
  } catch (err) {
    if (!(err instanceof Error) || !err.message.includes('NOSCRIPT')) throw err;
    return await redis.eval(script, keys.length, ...keys, ...args);
  }
}
