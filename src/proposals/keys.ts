import { createHash } from 'node:crypto';

/**
 * Redis layout of the proposals domain. Every key shares the hash tag {proposals}, so the
 * multi-key Lua scripts of src/proposals/store.ts stay valid on a Redis Cluster too (a ward
 * office's proposals fit on one node with room to spare).
 *
 *   {proposals}:p:<id>              hash: the proposal's fields
 *   {proposals}:p:<id>:history      list: JSON StatusChange, oldest first
 *   {proposals}:p:<id>:votes        set: user ids who clicked 共感
 *   {proposals}:seq:<fiscal year>   counter behind 提案-<fy>-<nnnn>
 *   {proposals}:recent              zset: every id, score = fy * 100000 + seq (creation order)
 *   {proposals}:user:<user id>      zset: the ids one person proposed
 *   {proposals}:submit:<user>:<key> string: the id one submission created (idempotency, 24 h)
 */

export const P = '{proposals}:';
export const itemKey = (id: string) => `${P}p:${id}`;
export const historyKey = (id: string) => `${P}p:${id}:history`;
export const votesKey = (id: string) => `${P}p:${id}:votes`;
export const seqKey = (fy: number) => `${P}seq:${fy}`;
export const RECENT = `${P}recent`;
export const userKey = (userId: string) => `${P}user:${userId}`;
export const submitKey = (userId: string, key: string) =>
  `${P}submit:${userId}:${createHash('sha256').update(key).digest('hex').slice(0, 32)}`;
