import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlan } from '../../src/plan/corpus.js';
import { compactForMatch } from '../../src/plan/normalize.js';
import { runCli } from '../helpers/cli.js';
import { completionBody } from '../plan/model-replies.js';

/** `npm run ask` as a person or a script runs it: a child process, configured only by its environment. */

const plan = loadPlan();

const ask = (args: string[], options: { env?: Record<string, string>; stdin?: string } = {}) => runCli('src/cli/ask.ts', args, options.env, options.stdin);

function expectVerbatim(citation: { section: string; title: string; text: string }) {
  const section = plan.byId.get(citation.section);
  expect(section, citation.section).toBeDefined();
  expect(citation.title).toBe(section!.title);
  for (const part of citation.text.split('…')) expect(compactForMatch(section!.text)).toContain(compactForMatch(part));
}

describe('npm run ask without any key', () => {
  it('prints a grounded answer, then its sources, in Japanese', async () => {
    const r = await ask(['元気アップ会議とは？']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('若手職員を中心メンバーとする元気アップ会議を設置し');
    expect(r.stdout).toMatch(/出典（港区役所 職員力向上基本プラン）:\n\s+■ 4\(2\)② 元気アップ会議を設置し/);
    expect(r.stdout).toContain('抜粋モード');
    // The answer comes before the sources.
    expect(r.stdout.indexOf('若手職員')).toBeLessThan(r.stdout.indexOf('出典'));
  });

  it('a refusal carries no footer saying that the plan was quoted', async () => {
    const r = await ask(['年休は何日取れますか']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('プランには記載がありません');
    expect(r.stdout).not.toContain('抜粋モード');
    expect(r.stdout).not.toContain('出典');
  });

  it('answers the issue’s three questions right, with citations', async () => {
    const r = await ask(['--json'], { stdin: 'ぼらんてぃあかつどうはある？\nWhat is OJT?\n区長表彰と改善提案について教えて\n' });
    const [volunteer, ojt, both] = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { found: boolean; citations: { section: string }[]; answer: string });
    expect(volunteer!.found).toBe(true);
    expect(volunteer!.citations[0]!.section).toBe('4(2)⑧');
    expect(ojt!.citations[0]!.section).toBe('4(1)⑥');
    expect(ojt!.answer).toMatch(/^The plan covers this in section 4\(1\)⑥/);
    // Both topics are quoted, in the order of the question; the sources lead with the one the whole question points to.
    expect(both!.citations.map((c) => c.section).sort()).toEqual(['4(1)⑤', '4(2)⑦']);
    expect(both!.answer.indexOf('【4(1)⑤')).toBeLessThan(both!.answer.indexOf('【4(2)⑦'));
  });

  it('--json prints one object in the contract’s shape', async () => {
    const r = await ask(['--json', '元気アップ会議とは？']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const o = JSON.parse(lines[0]!);
    expect(Object.keys(o)).toEqual(['question', 'answer', 'found', 'mode', 'citations']);
    expect(o).toMatchObject({ question: '元気アップ会議とは？', found: true, mode: 'extractive' });
    expect(o.citations[0].section).toBe('4(2)②');
    for (const c of o.citations) {
      expect(Object.keys(c)).toEqual(['section', 'title', 'text']);
      expectVerbatim(c);
    }
  });

  it('with no question argument, reads one question per line and writes one object per line', async () => {
    const questions = ['元気アップ会議とは？', '明日の天気は？', '🙂', 'What is OJT?'];
    const r = await ask(['--json'], { stdin: `${questions.join('\n')}\n\n` });
    expect(r.code).toBe(0);
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(out.map((o) => o.question)).toEqual(questions);
    expect(out.map((o) => o.found)).toEqual([true, false, false, true]);
    expect(out[1].answer.startsWith('プランには記載がありません')).toBe(true);
    expect(out[1].citations).toEqual([]);
    expect(out[2].refused).toBe('no_content');
    expect(out[3].answer).toMatch(/^The plan covers this in section/);
  });

  it('reads a batch in human mode too, each answer under its question', async () => {
    const r = await ask([], { stdin: '３つの心構えとは？\n管理監督者の役割は？\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Q: ３つの心構えとは？');
    expect(r.stdout).toContain('Q: 管理監督者の役割は？');
    expect(r.stdout).toContain('■ 3(2) 管理監督者の役割');
  });

  it('a 10,000-character question is refused politely', async () => {
    const r = await ask(['--json', 'あ'.repeat(10_000)]);
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout);
    expect(o).toMatchObject({ found: false, refused: 'too_long', citations: [] });
  });

  it('a bad environment value stops with one line naming the variable', async () => {
    const r = await ask(['元気アップ会議とは？'], { env: { OPENAI_BASE_URL: 'not a url' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('OPENAI_BASE_URL');
  });

  it('an unknown option is a usage error', async () => {
    const r = await ask(['--jsno', '質問']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--jsno');
  });
});

describe('npm run ask with a model (OpenAI-compatible loopback endpoint)', () => {
  let server: Server;
  let baseUrl = '';
  const bodies: { messages: { role: string; content: string }[] }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let raw = '';
      req.setEncoding('utf8').on('data', (d: string) => (raw += d));
      req.on('end', () => {
        bodies.push(JSON.parse(raw));
        const reply = {
          citations: [{ section: '4(2)②', quote: '若手職員を中心メンバーとする元気アップ会議を設置し' }],
          found: true,
          answer: '元気アップ会議は、各職場から選ばれた若手職員が中心の会議です。',
        };
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(completionBody(JSON.stringify(reply))));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('answers in llm mode through the same pipeline, with verified citations', async () => {
    const r = await ask(['--json', '元気アップ会議とは？'], {
      env: { OPENAI_API_KEY: 'sk-cli-test', OPENAI_BASE_URL: baseUrl, OPENAI_MODEL: 'test-model' },
    });
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout);
    expect(o).toMatchObject({ found: true, mode: 'llm', answer: '元気アップ会議は、各職場から選ばれた若手職員が中心の会議です。' });
    expect(o.citations).toEqual([
      { section: '4(2)②', title: plan.byId.get('4(2)②')!.title, text: '若手職員を中心メンバーとする元気アップ会議を設置し' },
    ]);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]!.messages[0]!.role).toBe('system');
    expect(JSON.stringify(bodies[0])).not.toContain('sk-cli-test');
  });

  it('prints the model answer with its sources for a person', async () => {
    const r = await ask(['元気アップ会議とは？'], { env: { OPENAI_API_KEY: 'sk-cli-test', OPENAI_BASE_URL: baseUrl } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('元気アップ会議は、各職場から選ばれた若手職員が中心の会議です。');
    expect(r.stdout).toContain('■ 4(2)② 元気アップ会議を設置し');
    expect(r.stdout).toContain('「若手職員を中心メンバーとする元気アップ会議を設置し」');
    expect(r.stdout).not.toContain('抜粋モード');
  });
});
