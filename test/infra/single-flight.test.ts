import { describe, expect, it } from 'vitest';
import { singleFlight } from '../../src/infra/single-flight.js';

describe('singleFlight', () => {
  it('never runs twice at once; a call during a run gets one more run after it, not the run in progress', async () => {
    let active = 0;
    let maxActive = 0;
    let n = 0;
    const release: (() => void)[] = [];
    const f = singleFlight(async () => {
      active += 1;
      maxActive = Math.max(maxActive, active);
      const run = ++n;
      await new Promise<void>((r) => release.push(r));
      active -= 1;
      return run;
    });
    const first = f.run();
    const second = f.run();
    const third = f.run();
    await Promise.resolve();
    expect(release).toHaveLength(1);
    release.shift()!();
    expect(await first).toBe(1);
    await new Promise((r) => setTimeout(r, 0));
    expect(release).toHaveLength(1);
    release.shift()!();
    // Both calls made during run 1 got run 2, which started after run 1 had finished.
    expect(await second).toBe(2);
    expect(await third).toBe(2);
    expect(maxActive).toBe(1);
    // Idle again: the next call starts at once.
    const fourth = f.run();
    await Promise.resolve();
    release.shift()!();
    expect(await fourth).toBe(3);
  });

  it('a failed run rejects its own callers only, and the queued run still happens', async () => {
    let n = 0;
    const f = singleFlight(async () => {
      n += 1;
      await new Promise((r) => setTimeout(r, 5));
      if (n === 1) throw new Error('boom');
      return n;
    });
    const first = f.run();
    const second = f.run();
    await expect(first).rejects.toThrow('boom');
    expect(await second).toBe(2);
    await f.idle();
  });
});
