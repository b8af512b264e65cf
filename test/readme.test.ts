import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../src/config.js';

/**
 * The README is the operator's short document; the depth is in docs/, one file per topic.
 * Keeps it that way: its parts in the order an operator needs them, every docs/ file linked
 * (and every link there), every variable of the configuration listed.
 */
describe('README.md', () => {
  const readme = readFileSync('README.md', 'utf8');
  const h2 = [...readme.matchAll(/^## (.*)$/gm)].map((m) => m[1]!);

  it('is short, with the operator’s parts in order', () => {
    expect(Buffer.byteLength(readme)).toBeLessThan(24_000);
    const order = ['できること', 'はじめに', 'Slack アプリを作る', '環境変数', '本番で動かす', '運用', 'ドキュメント'];
    const at = order.map((title) => h2.findIndex((h) => h.includes(title)));
    expect(at.every((i) => i >= 0), `sections: ${h2.join(' | ')}`).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('links every file in docs/, and every docs/ link it has exists', () => {
    const linked = new Set([...readme.matchAll(/\]\((docs\/[^)#]+)\)/g)].map((m) => m[1]!));
    for (const path of linked) expect(existsSync(path), path).toBe(true);
    for (const file of readdirSync('docs').filter((f) => f.endsWith('.md'))) expect(linked, `docs/${file} is not linked`).toContain(`docs/${file}`);
  });

  it('lists every variable of the configuration', () => {
    for (const name of Object.keys(configSchema.shape)) expect(readme, name).toContain(`\`${name}\``);
  });

  it('says the Dockerfile and the systemd unit were not run here', () => {
    expect(readme).toMatch(/Dockerfile[\s\S]*systemd[\s\S]*このリポジトリでは実行していません/);
  });
});

describe('docs/', () => {
  it('every relative link between the docs resolves', () => {
    for (const file of readdirSync('docs').filter((f) => f.endsWith('.md'))) {
      const text = readFileSync(`docs/${file}`, 'utf8');
      for (const m of text.matchAll(/\]\(([^)#:]+\.md)(#[^)]*)?\)/g)) expect(existsSync(`docs/${m[1]}`), `docs/${file} → ${m[1]}`).toBe(true);
    }
  });
});
