/**
 * prompts/plan.md is a faithful copy of the plan's raw PDF text: nothing lost, nothing invented.
 * The seed (raw PDF text) is kept in test/plan/fixtures/plan-seed.txt so a fresh clone can run this test;
 * when the shared original is present (../shared/seed/…), the fixture must equal it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compactForMatch } from '../../src/plan/normalize.js';
import { DEFAULT_PLAN_PATH, loadPlan } from '../../src/plan/corpus.js';

const SEED_PATH = fileURLToPath(new URL('./fixtures/plan-seed.txt', import.meta.url));
const SHARED_SEED = fileURLToPath(new URL('../../../shared/seed/000_a666461404dd736a.txt', import.meta.url));

const seed = readFileSync(SEED_PATH, 'utf8');
const markdown = readFileSync(DEFAULT_PLAN_PATH, 'utf8');

/**
 * Lines of plan.md that are ours, not the plan's: the document title and the names of the two unnumbered
 * sections that have no heading in the plan. Nothing else may be added.
 */
const MARKERS = ['# 港区役所 職員力向上基本プラン', '## 前文', '## 結び'];

/** plan.md with markdown syntax and our marker lines removed: what must be the plan's own words. */
function planWords(md: string): string {
  return md
    .split('\n')
    .filter((line) => !MARKERS.includes(line.trim()))
    .map((line) => line.replace(/^#{1,6}\s+/, '').replace(/\s*\{#[^}]+\}\s*$/, ''))
    .join('\n');
}

/** Sentences of a compacted text: cut after 。！？ */
function sentences(compact: string): string[] {
  return compact.split(/(?<=[。！？!?])/u).filter((s) => s.length > 0);
}

describe('prompts/plan.md against the seed', () => {
  const seedCompact = compactForMatch(seed);
  const planCompact = compactForMatch(planWords(markdown));

  it('uses the same seed as the shared original (when present)', () => {
    if (!existsSync(SHARED_SEED)) return;
    expect(readFileSync(SHARED_SEED, 'utf8')).toBe(seed);
  });

  it('loses no sentence of the seed', () => {
    const seedSentences = sentences(seedCompact);
    expect(seedSentences.length).toBeGreaterThan(70);
    const missing = seedSentences.filter((s) => !planCompact.includes(s));
    expect(missing).toEqual([]);
  });

  it('invents no sentence', () => {
    const invented = sentences(planCompact).filter((s) => !seedCompact.includes(s));
    expect(invented).toEqual([]);
  });

  it('invents no line either (labels, bullets and diagram text without a 。 included)', () => {
    const lines = planWords(markdown)
      .split('\n')
      .map(compactForMatch)
      .filter((l) => l.length > 0);
    expect(lines.filter((l) => !seedCompact.includes(l))).toEqual([]);
  });

  it('keeps the plan in its own order: same text once normalised', () => {
    expect(planCompact).toBe(seedCompact);
  });

  it('adds only the marker lines beyond markdown syntax', () => {
    for (const m of MARKERS) expect(markdown.split('\n')).toContain(m);
    // Every other heading is the plan's own heading line.
    const headings = markdown.split('\n').filter((l) => /^#{1,6}\s/.test(l) && !MARKERS.includes(l.trim()));
    expect(headings.length).toBe(25);
    for (const h of headings) expect(seedCompact).toContain(compactForMatch(planWords(h)));
  });

  it('has repaired the PDF: no broken words, no stray spaces inside Japanese', () => {
    expect(markdown).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]\n[\u3040-\u309f\u4e00-\u9fff]{1,3}[、。]/u);
    expect(markdown).not.toMatch(/平成 \d/);
    expect(markdown).toContain('「港区シティ・マネージャー」の位置づけ');
    expect(markdown).toContain('自主的な取り組みを進めます');
    expect(markdown).not.toMatch(/ +$/m);
  });

  it('this test can fail: a dropped or an invented sentence is caught', () => {
    const dropped = markdown.replace('部下職員の人材育成は管理監督者の責務です。', '');
    expect(compactForMatch(planWords(dropped))).not.toBe(seedCompact);
    expect(sentences(seedCompact).some((s) => !compactForMatch(planWords(dropped)).includes(s))).toBe(true);
    const invented = markdown.replace('朝礼や、職場ミーティングを毎日全職場で行い、', '朝礼や、職場ミーティングを毎週月曜に行い、');
    expect(sentences(compactForMatch(planWords(invented))).some((s) => !seedCompact.includes(s))).toBe(true);
  });

  it('is what the loader serves as fullText', () => {
    expect(loadPlan().fullText).toBe(markdown.replace(/\r\n?/g, '\n').trim() + '\n');
  });
});
