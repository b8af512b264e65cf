/**
 * What a person typed, from the text Slack delivers (message events and slash commands share one format,
 * docs.slack.dev "Formatting text for app surfaces"): Slack sends &, < and > as entities and wraps mentions,
 * channels, links and broadcasts in <…>; emoji arrive as :name:, and *bold*, ~strike~ and `code` keep their marks.
 * None of that is what the person asks: 「<@U0123> さんに聞かれたのですが、朝礼って何のため？ :pray:」 asks about 朝礼.
 *
 * - a person or a user group (<@U…>, <!subteam^S…|@name>) becomes ○○, so 「○○さんの役割は？」 still reads;
 * - a channel (<#C…|name>) becomes its name, a link (<https://…|label>) its label, a bare link nothing;
 * - broadcasts (<!here>, <!channel>, <!everyone>) go; a date (<!date^…|fallback>) becomes its fallback text;
 * - :emoji: codes (with a letter in them, or :+1: :-1: :100: :1234:, so 10:30:00 stays) go, and so do the marks of *bold* and `code`, of
 *   ~strike~ and _italic_ between spaces (みなと~く keeps its ~), and a quote's leading >;
 * - the entities are decoded last, so an &lt;@U…&gt; the person typed stays text;
 * - when nothing else is left (「:pray:」), the text as sent, which the Q&A answers as emoji only.
 */
const PERSON = '○○';

const TOKEN = /<([^<>]*)>/g;
const EMOJI = /:(?:(?=[a-z0-9_+'-]*[a-z])[a-z0-9_+'-]+|\+1|-1|100|1234):/gi;
/** Bold and code marks anywhere; strike and italic only as a pair between spaces (みなと~く keeps its ~). */
const MARKS = /[*`]+/g;
const PAIRED = /(^|\s)([~_])(\S(?:[^\n]*?\S)?)\2(?=\s|$)/gm;
const QUOTE = /^\s*&gt;\s?/gm;

export function slackTextToPlain(text: string): string {
  const plain = text
    .replace(QUOTE, '')
    .replace(TOKEN, (_, inner: string) => token(inner))
    .replace(EMOJI, ' ')
    .replace(MARKS, '')
    .replace(PAIRED, '$1$3')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t\u3000]+/g, ' ')
    .trim();
  // Only emoji or broadcasts: the text as sent, so that the reply can say so (「絵文字や記号だけのようです」).
  return plain === '' ? text.trim() : plain;
}

function token(inner: string): string {
  const bar = inner.indexOf('|');
  const target = bar >= 0 ? inner.slice(0, bar) : inner;
  const label = bar >= 0 ? inner.slice(bar + 1) : '';
  if (target.startsWith('@')) return PERSON;
  if (target.startsWith('#')) return label;
  if (target.startsWith('!subteam^')) return PERSON;
  if (target.startsWith('!date^')) return label;
  if (target.startsWith('!')) return ' ';
  return label || ' ';
}
