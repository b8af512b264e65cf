import { DeadlineError } from './deadline.js';

/**
 * Whether an error means "the storage (Redis) is down or too slow", as opposed to anything else
 * (an input the domain refused, a bug). Only a storage failure may tell a person
 * 「ただいま一時的に保存できません」 and be logged as an outage; anything else is told apart.
 *
 * ioredis rejects with its own error classes (redis-errors: ReplyError, AbortError, …,
 * MaxRetriesPerRequestError, ClusterAllFailedError), with plain Errors of a few fixed messages
 * (offline queue off, command timeout, closed connection), or with a socket error code.
 * withDeadline's DeadlineError counts too: the store did not answer in time.
 */

const REDIS_ERROR_NAMES = new Set(['RedisError', 'ReplyError', 'AbortError', 'InterruptError', 'ParserError', 'MaxRetriesPerRequestError', 'ClusterAllFailedError']);
const REDIS_MESSAGES = /^(Command timed out|Connection is closed\.|Stream isn't writeable|None of startup nodes is available|Failed to refresh slots cache)/;
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

export function isStorageFailure(err: unknown): boolean {
  if (err instanceof DeadlineError) return true;
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  return REDIS_ERROR_NAMES.has(err.name) || REDIS_MESSAGES.test(err.message) || (typeof code === 'string' && SOCKET_CODES.has(code));
}
