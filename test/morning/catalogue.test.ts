import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CatalogueError, loadCatalogue } from '../../src/morning/catalogue.js';
import { PLAN_SECTIONS } from '../../src/plan/sections.js';

describe('the morning prompt catalogue (prompts/morning/*.yml)', () => {
  const catalogue = loadCatalogue();

  it('holds at least 60 prompts with unique ids', () => {
    expect(catalogue.prompts.length).toBeGreaterThanOrEqual(60);
    expect(new Set(catalogue.prompts.map((p) => p.id)).size).toBe(catalogue.prompts.length);
  });

  it('ties every prompt to a section of the plan', () => {
    for (const p of catalogue.prompts) expect(Object.keys(PLAN_SECTIONS), p.id).toContain(p.section);
    const sections = new Set(catalogue.prompts.map((p) => p.section));
    // The 3 心構え, both kinds of ability, both roles, PDCA, 風通しの良い職場づくり and 元気アップ会議.
    for (const s of ['1', '2(1)', '2(2)', '3(1)', '3(2)', '4(1)⑥', '4(2)', '4(2)①', '4(2)②']) expect(sections, s).toContain(s);
    const topics = catalogue.prompts.filter((p) => p.section === '1').map((p) => p.topic);
    for (const t of ['区民志向', 'チャレンジ精神', 'プロ意識']) expect(topics).toContain(t);
  });

  it('has prompts tied to the start and the end of the week', () => {
    expect(catalogue.pool('week_start').length).toBeGreaterThanOrEqual(5);
    expect(catalogue.pool('week_end').length).toBeGreaterThanOrEqual(5);
    expect(catalogue.pool('any').length).toBeGreaterThanOrEqual(50);
  });

  it('is written in polite Japanese and asks for replies', () => {
    for (const p of catalogue.prompts) {
      expect(p.text, p.id).toMatch(/(です|ます|ください|しょう|ませんか|ますか)[。か？]?/);
      expect(p.text, p.id).toMatch(/[？か。]$|ください。$|しょう。$/);
      expect(p.text, p.id).not.toMatch(/<!|@here|@channel/);
    }
  });

  describe('validation', () => {
    let dir: string | undefined;
    afterEach(() => {
      if (dir) rmSync(dir, { recursive: true, force: true });
      dir = undefined;
    });
    const withFile = (body: string) => {
      dir = mkdtempSync(join(tmpdir(), 'prompts-'));
      writeFileSync(join(dir, 'a.yml'), body);
      return dir;
    };

    it('rejects a section the plan does not have, naming the file and entry', () => {
      const d = withFile('- id: x-01\n  section: "9(9)"\n  text: これは二十文字以上ある朝礼の話題の本文です。いかがでしょうか。\n');
      expect(() => loadCatalogue(d)).toThrow(CatalogueError);
      expect(() => loadCatalogue(d)).toThrow(/a\.yml: 0\.section/);
    });

    it('rejects duplicate ids and unknown fields', () => {
      const text = 'これは二十文字以上ある朝礼の話題の本文です。いかがでしょうか。';
      expect(() => loadCatalogue(withFile(`- {id: x-01, section: "1", text: ${text}}\n- {id: x-01, section: "1", text: ${text}}\n`))).toThrow(/重複/);
      rmSync(dir!, { recursive: true });
      expect(() => loadCatalogue(withFile(`- {id: x-01, section: "1", text: ${text}, weekday: mon}\n`))).toThrow(CatalogueError);
    });

    it('rejects YAML it cannot read and an empty folder', () => {
      expect(() => loadCatalogue(withFile('- id: [unclosed'))).toThrow(/YAML/);
      rmSync(dir!, { recursive: true });
      dir = mkdtempSync(join(tmpdir(), 'prompts-'));
      expect(() => loadCatalogue(dir)).toThrow(/\*\.yml/);
    });
  });
});

describe('section ids and titles', () => {
  it('match the plan the Q&A answers from (prompts/plan.md)', async () => {
    const { loadPlan } = await import('../../src/plan/corpus.js');
    const plan = loadPlan();
    for (const [id, title] of Object.entries(PLAN_SECTIONS)) expect(plan.byId.get(id)?.title, id).toBe(title);
  });
});
