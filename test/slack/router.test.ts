import { describe, expect, it } from 'vitest';
import type { QaDeps } from '../../src/plan/slack/deps.js';
import { planRoutes } from '../../src/plan/slack/routes.js';
import { router, type Gate } from '../../src/slack/router.js';
import { mergeRoutes } from '../../src/slack/routes.js';

describe('router (one Bolt listener per kind, routed by id)', () => {
  const open: Gate<string> = { allowed: () => true, refuse: async () => undefined };
  const noop = { handle: async () => undefined };

  it('matches exactly the ids of its table, regex characters taken literally', () => {
    const r = router<string>({ '/plan': noop, 'a.b+c': noop }, open);
    expect(['/plan', 'a.b+c'].map((id) => r.ids.test(id))).toEqual([true, true]);
    expect(['/plan2', 'x/plan', 'aXb+c', 'a.bbc', '', 'constructor', '__proto__'].map((id) => r.ids.test(id))).toEqual([false, false, false, false, false, false, false]);
  });

  it('calls the handler for the id', async () => {
    const calls: string[] = [];
    const r = router<string>(
      {
        first: { handle: async (a) => void calls.push(`first:${a}`) },
        second: { handle: async (a) => void calls.push(`second:${a}`) },
      },
      open,
    );
    await r.handle('second', 'x');
    await r.handle('first', 'y');
    await r.handle('unknown', 'z');
    expect(calls).toEqual(['second:x', 'first:y']);
  });

  it('refuses an admin route to someone the gate does not allow, before the handler runs', async () => {
    const calls: string[] = [];
    const gate: Gate<string> = { allowed: (user) => user === 'admin', refuse: async (user) => void calls.push(`refused:${user}`) };
    const r = router<string>({ status: { handle: async (user) => void calls.push(`ran:${user}`), admin: true }, vote: { handle: async (user) => void calls.push(`vote:${user}`) } }, gate);
    await r.handle('status', 'staff');
    await r.handle('status', 'admin');
    await r.handle('vote', 'staff');
    expect(calls).toEqual(['refused:staff', 'ran:admin', 'vote:staff']);
  });

  it('merges the features’ tables and refuses an id claimed twice', () => {
    const merged = mergeRoutes([{ commands: { '/a': noop }, buttons: { x: noop } }, { commands: { '/b': noop }, views: { x: noop } }]);
    expect(Object.keys(merged.commands ?? {})).toEqual(['/a', '/b']);
    expect(Object.keys(merged.buttons ?? {})).toEqual(['x']);
    expect(() => mergeRoutes([{ buttons: { x: noop } }, { buttons: { x: noop } }])).toThrow(/duplicate route: buttons "x"/);
    expect(() => mergeRoutes([{ events: { message: async () => undefined } }, { events: { message: async () => undefined } }])).toThrow(/duplicate route/);
  });

  it('the plan’s button table routes both feedback ids (👍 and 👎)', () => {
    const r = router(planRoutes({} as QaDeps).buttons ?? {}, open as never);
    expect(r.ids.test('plan_feedback_up') && r.ids.test('plan_feedback_down')).toBe(true);
  });
});
