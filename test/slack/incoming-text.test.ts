import { describe, expect, it } from 'vitest';
import { slackTextToPlain } from '../../src/slack/incoming-text.js';

describe('slackTextToPlain (what a person typed, from Slack’s message and command text)', () => {
  it('reads mentions, channels, links and dates back as words, and drops broadcasts', () => {
    expect(slackTextToPlain('<@U02ABCDEF> さんに聞かれたんですが、朝礼って何のため？')).toBe('○○ さんに聞かれたんですが、朝礼って何のため？');
    expect(slackTextToPlain('<!subteam^S123|@soumu> の役割')).toBe('○○ の役割');
    expect(slackTextToPlain('<#C123|総務課> で話題の件')).toBe('総務課 で話題の件');
    expect(slackTextToPlain('<https://example.com/plan.pdf|基本プラン> の心構えって何？ <https://example.com/x>')).toBe('基本プラン の心構えって何？');
    expect(slackTextToPlain('<!here> <!channel> 朝礼は？')).toBe('朝礼は？');
    expect(slackTextToPlain('<!date^1392734382^{date}|2014年2月18日> の会議')).toBe('2014年2月18日 の会議');
  });

  it('drops emoji codes and formatting marks, not times or a tilde inside a word', () => {
    expect(slackTextToPlain('朝礼って何のため？ :thinking_face: :+1::skin-tone-2:')).toBe('朝礼って何のため？');
    expect(slackTextToPlain('*区長表彰*ってどんな人？ `OJT` と _OFF-JT_ と ~昔の話~')).toBe('区長表彰ってどんな人？ OJT と OFF-JT と 昔の話');
    expect(slackTextToPlain('10:30:00 に みなと~く を読む')).toBe('10:30:00 に みなと~く を読む');
    // Nothing but emoji: left as sent, for the reply that says so.
    expect(slackTextToPlain(' :pray: :bow: ')).toBe(':pray: :bow:');
  });

  it('decodes the entities last, so a typed &lt;@U1&gt; stays text, and takes a quote’s mark off', () => {
    expect(slackTextToPlain('元気アップ会議 &amp; ワールドカフェの違いは？')).toBe('元気アップ会議 & ワールドカフェの違いは？');
    expect(slackTextToPlain('&lt;@U1&gt; って何')).toBe('<@U1> って何');
    expect(slackTextToPlain('&gt; 朝礼は毎日\nこれってどういう意味？')).toBe('朝礼は毎日\nこれってどういう意味？');
  });
});
