import { createHash } from 'node:crypto';
import type { Catalogue, MorningPrompt, Pool } from './catalogue.js';

/**
 * Per-channel rotation: each channel goes through each pool of prompts (any day, week start,
 * week end) without a repeat until every prompt of that pool has been used, then starts a new
 * cycle. The order inside a cycle is a deterministic shuffle of the pool (seeded by pool and
 * cycle number), so `peek` — used by preview and by the CLI — says exactly what would come next,
 * and a fresh channel's first prompt is the same everywhere.
 *
 * Kept in Redis by RotationStore (src/morning/store.ts).
 */

export interface RotationState {
  cycle: number;
  used: string[];
}

export const FRESH: RotationState = { cycle: 0, used: [] };

/** A seeded Fisher–Yates shuffle of `ids` (sorted first, so file order does not matter). */
export function cycleOrder(pool: Pool, cycle: number, ids: string[]): string[] {
  const out = [...ids].sort();
  let seed = createHash('sha256').update(`${pool}:${cycle}`).digest().readUInt32LE(0);
  const rand = () => {
    // mulberry32
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * The next prompt of `pool` for a channel in `state`, and the state after using it.
 * Prompts removed from the catalogue are forgotten; new ones join the current cycle.
 */
export function nextPrompt(catalogue: Catalogue, pool: Pool, state: RotationState): { prompt: MorningPrompt; after: RotationState } {
  const prompts = catalogue.pool(pool);
  const ids = prompts.map((p) => p.id);
  const used = new Set(state.used.filter((id) => ids.includes(id)));
  let cycle = state.cycle;
  if (used.size >= ids.length) {
    cycle += 1;
    used.clear();
  }
  const id = cycleOrder(pool, cycle, ids).find((x) => !used.has(x))!;
  used.add(id);
  return { prompt: catalogue.byId.get(id)!, after: { cycle, used: [...used] } };
}
