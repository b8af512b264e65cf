import { fixedClock } from '../../src/infra/clock.js';
import type { Redis } from '../../src/infra/redis.js';
import { validateSessionForm, type SessionForm } from '../../src/worldcafe/schema.js';
import { WorkCalendar } from '../../src/infra/calendar.js';
import { createWorldcafeService } from '../../src/worldcafe/service.js';
import { createWorldcafeStore } from '../../src/worldcafe/store.js';

/** "Now" for the domain tests: Wednesday 2026-07-01 10:00 JST. */
export const NOW = '2026-07-01T10:00:00+09:00';

export const goodForm: SessionForm = {
  theme: '風通しの良い職場について話そう',
  kind: 'worldcafe',
  date: '2026-07-10', // a Friday
  start: '18:30',
  end: '20:00',
  place: '区役所 5階 会議室',
  capacity: '20',
};

export function makeService(redis: Redis, prefix: string, start: string = NOW) {
  const clock = fixedClock(start);
  const store = createWorldcafeStore(redis, prefix);
  const sessions = createWorldcafeService({ store, clock, calendar: new WorkCalendar(redis) });
  return { clock, sessions, store };
}

export async function createSession(sessions: ReturnType<typeof createWorldcafeService>, now: Date, form: Partial<SessionForm> = {}, by = 'U0ADMIN01') {
  const v = validateSessionForm({ ...goodForm, ...form }, now);
  if (!v.ok) throw new Error(`bad fixture: ${JSON.stringify(v.errors)}`);
  return sessions.create(v.value, by);
}

/** U0000001 … as Slack-shaped user ids. */
export const user = (i: number) => `U${String(i).padStart(8, '0')}`;
