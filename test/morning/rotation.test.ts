import { describe, expect, it } from 'vitest';
import { buildCatalogue, loadCatalogue } from '../../src/morning/catalogue.js';
import { cycleOrder, FRESH, nextPrompt, type RotationState } from '../../src/morning/rotation.js';

describe('per-channel rotation', () => {
  const catalogue = loadCatalogue();

  it('goes through a whole pool without a repeat, then starts a new cycle', () => {
    const size = catalogue.pool('any').length;
    let state: RotationState = FRESH;
    const seen: string[] = [];
    for (let i = 0; i < size; i++) {
      const r = nextPrompt(catalogue, 'any', state);
      seen.push(r.prompt.id);
      state = r.after;
    }
    expect(new Set(seen).size).toBe(size);
    expect(state.cycle).toBe(0);
    const again = nextPrompt(catalogue, 'any', state);
    expect(again.after.cycle).toBe(1);
    expect(again.after.used).toEqual([again.prompt.id]);
  });

  it('is deterministic, and shuffles each cycle differently', () => {
    const ids = catalogue.pool('any').map((p) => p.id);
    expect(cycleOrder('any', 0, ids)).toEqual(cycleOrder('any', 0, [...ids].reverse()));
    expect(cycleOrder('any', 1, ids)).not.toEqual(cycleOrder('any', 0, ids));
    expect(nextPrompt(catalogue, 'any', FRESH).prompt.id).toBe(cycleOrder('any', 0, ids)[0]);
  });

  it('keeps its place when prompts are added or removed', () => {
    const text = 'これは二十文字以上ある朝礼の話題の本文です。いかがでしょうか。';
    const small = buildCatalogue([
      { id: 'a-01', section: '1', text },
      { id: 'a-02', section: '1', text },
    ]);
    const first = nextPrompt(small, 'any', FRESH);
    const grown = buildCatalogue([...small.prompts, { id: 'a-03', section: '1', text }]);
    const second = nextPrompt(grown, 'any', { ...first.after, used: [...first.after.used, 'gone-99'] });
    const third = nextPrompt(grown, 'any', second.after);
    expect(new Set([first.prompt.id, second.prompt.id, third.prompt.id]).size).toBe(3);
    expect(third.after.cycle).toBe(0);
  });
});
