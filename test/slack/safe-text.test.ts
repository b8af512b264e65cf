import { describe, expect, it } from 'vitest';
import { escapeForSlack, quoteInput, safeText, softenPlainText } from '../../src/slack/safe-text.js';

describe('escapeForSlack', () => {
  it.each(['<!channel>', '<!here>', '<!everyone>', '<@U0123ABC>', '<!subteam^S123>', '<https://evil.example|公式>'])('neutralises %s', (s) => {
    const out = escapeForSlack(`見てください ${s}`);
    expect(out).not.toMatch(/<[!@#]/);
    expect(out).not.toContain('<http');
  });

  it('breaks @channel, @here and @everyone', () => {
    expect(escapeForSlack('@channel @here @everyone')).not.toMatch(/@(channel|here|everyone)/);
  });

  it('keeps ordinary Japanese text as it is', () => {
    expect(escapeForSlack('元気アップ会議は若手職員が中心です。')).toBe('元気アップ会議は若手職員が中心です。');
  });
});

describe('safeText: one step for everything posted from input', () => {
  it('cleans before it escapes: no bidi override, no control, no invisible', () => {
    expect(escapeForSlack('請求書\u202Etxt.exe\u202C <!here>\u0000')).toBe('請求書txt.exe &lt;!here&gt;');
    expect(softenPlainText('\u200B@here 会議\u202E室')).toBe('@\u200Bhere 会議室');
  });

  it('keeps an emoji family whole', () => {
    expect(escapeForSlack('👨\u200D👩\u200D👧\u200D👦')).toBe('👨\u200D👩\u200D👧\u200D👦');
  });

  it('mrkdwn escapes & < >; plain_text leaves them (Slack shows plain_text as typed)', () => {
    expect(safeText('a & <b>', 'mrkdwn')).toBe('a &amp; &lt;b&gt;');
    expect(safeText('a & <b>', 'plain_text')).toBe('a & <b>');
  });
});

describe('quoteInput: a short prefix of bad input', () => {
  it('quotes at most 40 characters of a 10,000-character paste, on one line', () => {
    const out = quoteInput(`あ\n${'長'.repeat(10_000)}`);
    expect(out).toBe(`あ ${'長'.repeat(38)}…`);
  });

  it('never cuts an emoji sequence in half', () => {
    const family = '👨\u200D👩\u200D👧\u200D👦';
    const out = quoteInput(`${'a'.repeat(39)}${family}${family}`);
    expect(out).toBe(`${'a'.repeat(39)}${family}…`);
  });

  it('quotes short input whole, escaped and cleaned', () => {
    expect(quoteInput(' <@U0ADMIN01>\u202E ')).toBe('&lt;@U0ADMIN01&gt;');
  });
});
