import { describe, expect, it } from 'vitest';
import { markdownToMrkdwn, quoteUrls, safeStreamMarkdown } from '../../src/slack/mrkdwn.js';

const ZW = '\u200B';
const visible = (s: string) => s.replaceAll(ZW, '');

describe('markdownToMrkdwn', () => {
  it('turns **bold** into *bold*, set apart for Japanese text', () => {
    expect(visible(markdownToMrkdwn('これは**重要**です'))).toBe('これは*重要*です');
    expect(markdownToMrkdwn('これは**重要**です')).toBe(`これは${ZW}*重要*${ZW}です`);
    expect(visible(markdownToMrkdwn('__太字__'))).toBe('*太字*');
  });

  it('turns *italic* into _italic_ and ~~strike~~ into ~strike~', () => {
    expect(visible(markdownToMrkdwn('とても*大切*な点'))).toBe('とても_大切_な点');
    expect(visible(markdownToMrkdwn('~~古い~~'))).toBe('~古い~');
  });

  it('turns headings into bold lines and lists into bullets', () => {
    const md = '## ３つの心構え\n- 市民目線\n- 改革意識\n  - 入れ子\n1. 一つ目';
    expect(visible(markdownToMrkdwn(md))).toBe('*３つの心構え*\n• 市民目線\n• 改革意識\n    ◦ 入れ子\n1. 一つ目');
  });

  it('renders links as plain text with the URL as inline code, exactly as written: never a Slack link, never unfurled', () => {
    const out = markdownToMrkdwn('詳しくは[こちら](https://evil.example/x)と![図](https://img.example/a.png)を');
    expect(out).not.toMatch(/<[^>]*>/);
    expect(out).toBe('詳しくはこちら（`https://evil.example/x`）と図を');
    expect(out).not.toContain(ZW); // a copied link works
    expect(markdownToMrkdwn('<https://evil.example>')).not.toContain('<');
    expect(markdownToMrkdwn('see www.evil.example now')).toBe('see `www.evil.example` now');
    // Trailing punctuation stays outside; underscores in a URL are not emphasis.
    expect(markdownToMrkdwn('区のサイト https://www.city.osaka.lg.jp/minato/。')).toBe('区のサイト `https://www.city.osaka.lg.jp/minato/`。');
    expect(markdownToMrkdwn('https://x.example/a_b_c_ です')).toBe('`https://x.example/a_b_c_` です');
  });

  it.each(['<!channel>', '<!here>', '<!everyone>', '<@U0123ABC>', '<#C0123|general>', '<!subteam^S1>', '<https://x.example|公式サイト>'])(
    'neutralises %s from the model',
    (token) => {
      const out = markdownToMrkdwn(`みなさん ${token} 見てください`);
      expect(out).not.toMatch(/<[!@#]|<http/);
      expect(out).toContain('&lt;');
    },
  );

  it('breaks @channel, @here and @everyone', () => {
    expect(markdownToMrkdwn('@channel @here @everyone')).not.toMatch(/@(channel|here|everyone)/);
  });

  it('keeps code blocks and inline code as they are (escaped)', () => {
    const out = markdownToMrkdwn('例:\n```\n**not bold** <b>\n```\nと `**x**`');
    expect(out).toContain('```\n**not bold** &lt;b&gt;\n```');
    expect(out).toContain('`**x**`');
  });

  it('turns tables into readable rows and drops separator rows', () => {
    expect(visible(markdownToMrkdwn('| 形態 | 内容 |\n|---|---|\n| OJT | 職場で |'))).toBe('形態 ｜ 内容\nOJT ｜ 職場で');
  });

  it('leaves plain Japanese text alone', () => {
    const s = '元気アップ会議は、若手職員が中心となって職場の改善を話し合う場です。';
    expect(markdownToMrkdwn(s)).toBe(s);
  });
});

describe('safeStreamMarkdown (streamed markdown_text)', () => {
  it('keeps Markdown but neutralises pings and links', () => {
    const out = safeStreamMarkdown('**重要** <!here> <@U1> @channel [公式](https://evil.example) https://x.example');
    expect(out).toContain('**重要**');
    expect(out).not.toContain('<');
    expect(out).not.toMatch(/@channel/);
    expect(out).not.toMatch(/\]\(/);
    expect(out).toContain('公式（`https://evil.example`） `https://x.example`');
  });
});

describe('quoteUrls', () => {
  it('shows URLs as inline code, leaves code alone, keeps the URL intact', () => {
    const out = quoteUrls('http://a.example ftp://b mailto:x@y.example と `https://already.code`');
    expect(out).toBe('`http://a.example` `ftp://b` `mailto:x@y.example` と `https://already.code`');
    expect(out).not.toContain(ZW);
  });
});
