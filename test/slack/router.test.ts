import { describe, expect, it } from 'vitest';
import type { Deps } from '../../src/deps.js';
import { router } from '../../src/slack/router.js';
import { BUTTON_ROUTES } from '../../src/slack/listeners/actions/index.js';

describe('router (one Bolt listener per kind, routed by id)', () => {
  const deps = { tag: 'deps' } as unknown as Deps;

  it('matches exactly the ids of its table, regex characters taken literally', () => {
    const r = router<string>({ '/plan': () => async () => undefined, 'a.b+c': () => async () => undefined }, deps);
    expect(['/plan', 'a.b+c'].map((id) => r.ids.test(id))).toEqual([true, true]);
    expect(['/plan2', 'x/plan', 'aXb+c', 'a.bbc', '', 'constructor', '__proto__'].map((id) => r.ids.test(id))).toEqual([false, false, false, false, false, false, false]);
  });

  it('builds each handler once with the deps, and calls the one for the id', async () => {
    const calls: string[] = [];
    const built: unknown[] = [];
    const r = router<string>(
      {
        first: (d) => {
          built.push(d);
          return async (a) => void calls.push(`first:${a}`);
        },
        second: () => async (a) => void calls.push(`second:${a}`),
      },
      deps,
    );
    await r.handle('second', 'x');
    await r.handle('first', 'y');
    await r.handle('first', 'z');
    expect(calls).toEqual(['second:x', 'first:y', 'first:z']);
    expect(built).toEqual([deps]);
  });

  it('the button table routes both feedback ids (👍 and 👎)', () => {
    const r = router(BUTTON_ROUTES, deps);
    expect(r.ids.test('plan_feedback_up') && r.ids.test('plan_feedback_down')).toBe(true);
  });
});
