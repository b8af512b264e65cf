import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CONVERSATION_ID, USER_ID } from '../../src/infra/slack-ids.js';
import { captureLogs } from '../helpers/log-capture.js';
import { useQaHarness } from '../helpers/qa-harness.js';
import { basePayloads, deeplyNested, signedAs, withField, type BasePayload } from '../helpers/slack-payloads.js';
import { post } from '../helpers/slack-requests.js';

/**
 * Property-based: valid payloads of every kind, broken field by field (one to three fields, each
 * replaced by a hostile value or removed), sent signed through the real app on a real Redis.
 * Whatever the mutation, the bot answers 200 (or 404 for an id no listener has), never a 500,
 * logs nothing at error level, writes no garbage Redis key, and every Slack call it makes
 * addresses a real conversation or user id.
 */

export const FUZZ_RUNS = 1_000;

const logs = captureLogs('info');
const { redis, slack, app } = useQaHarness({ logger: logs.logger, extraEnv: { ADMIN_USER_IDS: 'U0STAFF01', PROPOSALS_CHANNEL: 'C0PROPOSALS' } });

type Path = (string | number)[];

/** Every node of a payload (objects, arrays, leaves), by path, plus a new key in each object. */
function pathsOf(value: unknown, path: Path = [], out: Path[] = []): Path[] {
  if (path.length > 0) out.push(path);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...path, i], out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) pathsOf(v, [...path, k], out);
    out.push([...path, '__proto__'], [...path, 'extra_field']);
  }
  return out;
}

const hostile = fc.oneof(
  fc.constantFrom<unknown>(null, undefined, true, 0, -1, 1e308, Number.MAX_SAFE_INTEGER, '', ' ', {}, [], [null], [[]], { id: null }),
  fc.constantFrom<unknown>('[object Object]', '__proto__', 'toString', 'constructor', 'hasOwnProperty', 'undefined', 'null', 'NaN'),
  fc.constantFrom<unknown>('CPROP', 'U0ADMIN01', 'T0OTHERWS', 'A0OTHERAPP', 'B0BOT', 'C0PROPOSALS', 'W', 'U', 'U0' + 'A'.repeat(100)),
  fc.constantFrom<unknown>('http://10.0.0.5/', 'https://hooks.slack.com.evil.example/', 'javascript:alert(1)', '//evil.example/x'),
  fc.constantFrom<unknown>('<!channel>', '@here', '請求書\u202Etxt.exe\u202C', '\u0000\u0007', '👨\u200D👩\u200D👧\u200D👦', '2026-13-01', '25:61'),
  fc.constantFrom<unknown>(deeplyNested(50_000), 'x'.repeat(40_001)),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.integer(),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
);

const GARBAGE_KEY = /undefined|\[object|null|NaN/;

describe('security: fuzzing every payload kind, field by field', () => {
  it(`survives ${FUZZ_RUNS} mutated payloads: no 500, no error log, no garbage key, Slack calls only to real ids`, async () => {
    const bases = basePayloads(slack.responseUrl('fuzz'));
    const paths = new Map(bases.map((b) => [b.kind, pathsOf(b.payload)]));
    const mutation = fc.record({ pick: fc.nat(), value: hostile });
    const arb = fc.record({ base: fc.constantFrom(...bases), mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }) });
    const statuses = new Map<number, number>();

    await fc.assert(
      fc.asyncProperty(arb, async ({ base, mutations }: { base: BasePayload; mutations: { pick: number; value: unknown }[] }) => {
        // A fresh event_id each time, or the dedupe would drop every event after the first.
        let payload = base.transport === 'events' ? withField(base.payload, ['event_id'], `Ev${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`) : base.payload;
        const candidates = paths.get(base.kind)!;
        for (const m of mutations) payload = withField(payload, candidates[m.pick % candidates.length]!, m.value);
        const res = await post(app.eventsUrl, signedAs(base.transport, payload));
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect([200, 404]).toContain(res.status);
        expect(logs.lines.filter((l) => l.level >= 50)).toEqual([]);
      }),
      { numRuns: FUZZ_RUNS },
    );

    // Let the work that followed the acks finish, then look at everything it did.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(logs.lines.filter((l) => l.level >= 50)).toEqual([]);
    expect((await redis.client.keys('*')).filter((k) => GARBAGE_KEY.test(k))).toEqual([]);
    for (const call of slack.calls) {
      const a = call.args;
      if (a.channel !== undefined) expect(CONVERSATION_ID.test(a.channel) || USER_ID.test(a.channel), `${call.method} channel ${a.channel}`).toBe(true);
      if (a.user !== undefined) expect(USER_ID.test(a.user), `${call.method} user ${a.user}`).toBe(true);
      if (a.user_id !== undefined) expect(USER_ID.test(a.user_id), `${call.method} user_id ${a.user_id}`).toBe(true);
      if (a.users !== undefined) expect(USER_ID.test(a.users), `${call.method} users ${a.users}`).toBe(true);
    }
    // The mutations must not all be refused alike: some reach the listeners, most are refused.
    const refused = logs.lines.filter((l) => /refused: malformed/.test(String(l.msg))).length;
    expect(refused).toBeGreaterThan(FUZZ_RUNS / 3);
    expect(logs.lines.filter((l) => l.msg === 'slack request handled').length).toBeGreaterThan(FUZZ_RUNS / 20);
    expect(statuses.get(200)).toBeGreaterThan(0);
  }, 180_000);
});
