import { describe, expect, it } from 'vitest';
import { escapeForSlack } from '../../src/slack/safe-text.js';

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
