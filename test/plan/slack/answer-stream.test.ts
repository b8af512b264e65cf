import { describe, expect, it } from 'vitest';
import { safeCut } from '../../../src/plan/slack/answer-stream.js';
import { isFromBot, questionText } from '../../../src/plan/slack/incoming-message.js';

describe('safeCut (where a streamed answer may be sent in pieces)', () => {
  it('cuts after the last line break, sentence end or space', () => {
    expect(safeCut('一文目です。二文目の途中')).toBe('一文目です。'.length);
    expect(safeCut('一行目\n二行目')).toBe('一行目\n'.length);
    expect(safeCut('区切りのない文字列')).toBe(0);
  });

  it('never cuts inside a [link](url), a URL or @here', () => {
    expect(safeCut('説明です。詳しくは[こちら。と')).toBe('説明です。'.length);
    expect(safeCut('説明です。[こちら](https://x.example/a 。')).toBe('説明です。'.length);
    const text = '連絡は https://evil.example/path';
    expect(text.slice(0, safeCut(text))).toBe('連絡は ');
    expect('みなさん @her'.slice(0, safeCut('みなさん @her'))).toBe('みなさん ');
  });

  it('cuts anyway past the force limit so a stream never stalls', () => {
    const text = `前置き。[${'あ'.repeat(100)}、`;
    expect(safeCut(text)).toBe('前置き。'.length);
    expect(safeCut(text, 50)).toBe(text.length);
  });
});

describe('incoming messages', () => {
  it('recognises bots, this one included', () => {
    expect(isFromBot({ user: 'U1' }, 'UBOT')).toBe(false);
    expect(isFromBot({ user: 'UBOT' }, 'UBOT')).toBe(true);
    expect(isFromBot({ user: 'U2', bot_id: 'B2' }, 'UBOT')).toBe(true);
    expect(isFromBot({ subtype: 'bot_message' }, 'UBOT')).toBe(true);
    expect(isFromBot({}, 'UBOT')).toBe(true);
  });

  it('takes the bot’s mention out of the question, keeping the rest', () => {
    expect(questionText('<@UBOT> 元気アップ会議とは？', 'UBOT')).toBe('元気アップ会議とは？');
    expect(questionText('<@UBOT|minato-navi>　OJTとは', 'UBOT')).toBe('OJTとは');
    expect(questionText('<@UBOT>', 'UBOT')).toBe('');
    expect(questionText('<@U0OTHER> さんの役割は？', 'UBOT')).toBe('○○ さんの役割は？');
    expect(questionText('<@UBOT> *区長表彰* &amp; 元気アップ会議って？ :pray:', 'UBOT')).toBe('区長表彰 & 元気アップ会議って？');
  });
});
