import { escapeForSlack } from './safe-text.js';

/**
 * Model output (Markdown) made safe and readable in Slack.
 *
 * markdownToMrkdwn — for Block Kit `mrkdwn` text and message `text`: **bold** → *bold*,
 *   headings → bold lines, lists → "•", ~~strike~~ → ~strike~, [t](u) → "t（u）" as plain text.
 *   Everything goes through escapeForSlack first, so <!channel>, <!here>, <@U…>, @everyone and
 *   <url|text> links can never form, and every URL is shown as inline code: exactly as written,
 *   so it can be copied, but neither a live link nor unfurled (no zero-width spaces inside it).
 *
 * safeStreamMarkdown — for chat.startStream/appendStream `markdown_text`, which Slack renders as
 *   Markdown itself: same neutralising, Markdown syntax kept.
 */

const ZWSP = '\u200B';

/** A URL the model wrote, up to white space, quotes, backticks, <, >, | or Japanese punctuation. */
const URL = /\b(?:(?:https?|ftp|sftp|file|mailto|tel|slack|javascript|data):|www\.)(?:(?!&lt;|&gt;)[^\s`<>＜|"'（）「」『』【】、。，．！？])+/gi;

/**
 * Shows every URL as inline code (`https://…`): Slack neither links nor unfurls code, and the
 * URL stays exactly as written, so a copied link works. URLs already inside code are left alone.
 */
export function quoteUrls(text: string): string {
  return text
    .split(/(`[^`\n]*`)/)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part.replace(URL, (u) => {
            const url = u.replace(/[.,;:!?)\]]+$/, '');
            return `\`${url}\`${u.slice(url.length)}`;
          }),
    )
    .join('');
}

/** [text](url) → "text（url）", ![alt](url) → "alt"; the caller quotes the URL. */
function linksToText(md: string): string {
  return md
    .replace(/!\[([^\]]*)\]\(([^)\s]*)(?:\s+"[^"]*")?\)/g, (_m, alt: string) => alt)
    .replace(/\[([^\]]+)\]\(([^)\s]*)(?:\s+"[^"]*")?\)/g, (_m, label: string, url: string) => {
      const t = label.trim();
      const u = url.trim();
      if (!u || u === t) return t || u;
      return `${t}（${u}）`;
    });
}

/** Splits into fenced code blocks (kept verbatim apart from escaping) and prose. */
function segments(md: string): { code: boolean; text: string; raw: string }[] {
  const out: { code: boolean; text: string; raw: string }[] = [];
  const re = /```[^\n]*\n?([\s\S]*?)(?:```|$)/g;
  let last = 0;
  for (let m = re.exec(md); m; m = re.exec(md)) {
    if (m.index > last) out.push({ code: false, text: md.slice(last, m.index), raw: md.slice(last, m.index) });
    out.push({ code: true, text: m[1] ?? '', raw: m[0] });
    last = re.lastIndex;
    if (m[0].length === 0) break;
  }
  if (last < md.length) out.push({ code: false, text: md.slice(last), raw: md.slice(last) });
  return out;
}

/**
 * Slack only applies *bold*, _italic_ and ~strike~ when the marks stand apart from the words
 * around them; Japanese has no spaces, so the marks get zero-width spaces on both sides.
 */
function mark(m: string, t: string): string {
  return `${ZWSP}${m}${t}${m}${ZWSP}`;
}

function inlineToMrkdwn(line: string): string {
  // Protect inline code from the emphasis rules.
  const codes: string[] = [];
  let s = line.replace(/`([^`\n]+)`/g, (_m, c: string) => {
    codes.push(c);
    return `\u0000${codes.length - 1}\u0000`;
  });
  const bolds: string[] = [];
  const keepBold = (_m: string, t: string) => {
    bolds.push(t);
    return `\u0001${bolds.length - 1}\u0001`;
  };
  s = s.replace(/\*\*(?=\S)([^*\n]+?)\*\*/g, keepBold).replace(/__(?=\S)([^_\n]+?)__/g, keepBold);
  // Single-asterisk emphasis is italic in Markdown but bold in mrkdwn.
  s = s.replace(/(^|[^*\w])\*(?=\S)([^*\n]+?)\*(?!\*)/g, (_m, pre: string, t: string) => `${pre}${mark('_', t)}`);
  s = s.replace(/~~(?=\S)([^~\n]+?)~~/g, (_m, t: string) => mark('~', t));
  s = s.replace(/\u0001(\d+)\u0001/g, (_m, i: string) => mark('*', bolds[Number(i)] ?? ''));
  s = s.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => `\`${codes[Number(i)]}\``);
  return s;
}

function proseToMrkdwn(text: string): string {
  const lines = text.split('\n');
  const out: string[] = [];
  for (const raw of lines) {
    let line = raw.replace(/\s+$/, '');
    // Table separator rows carry no words.
    if (/^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(line) && line.includes('-') && line.includes('|')) continue;
    const heading = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      const title = (heading[1] ?? '').replace(/\*\*/g, '').replace(/__/g, '');
      out.push(title ? `*${title}*` : '');
      continue;
    }
    if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) {
      out.push('──────────');
      continue;
    }
    const bullet = /^(\s*)[-*+]\s+(.*)$/.exec(line);
    if (bullet) {
      const depth = Math.floor((bullet[1] ?? '').replace(/\t/g, '  ').length / 2);
      line = `${'    '.repeat(depth)}${depth > 0 ? '◦' : '•'} ${bullet[2] ?? ''}`;
    } else if (/^\s*\|.*\|\s*$/.test(line)) {
      line = line
        .trim()
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((c) => c.trim())
        .join(' ｜ ');
    }
    out.push(inlineToMrkdwn(line));
  }
  return out.join('\n');
}

/** Markdown from the model → Slack mrkdwn that cannot ping, link or unfurl. */
export function markdownToMrkdwn(md: string): string {
  const src = linksToText(md.replace(/\r\n?/g, '\n'));
  const parts = segments(src).map((seg) => {
    const safe = escapeForSlack(seg.text);
    if (seg.code) return '```\n' + safe.replace(/\n$/, '') + '\n```';
    return proseToMrkdwn(quoteUrls(safe));
  });
  return parts.join('').replace(/\n{3,}/g, '\n\n').trim();
}

/**
 * Markdown for streamed messages (markdown_text): Slack renders the Markdown, so the syntax is
 * kept; what could ping or link is neutralised. "<" becomes "＜", so no <!here>, <@U…> or
 * <https://…> autolink can form; links become plain text; URLs are shown as inline code
 * (chat.startStream has no unfurl_links to turn off).
 */
export function safeStreamMarkdown(md: string): string {
  return segments(
    linksToText(md.replace(/\r\n?/g, '\n'))
      .replace(/</g, '＜')
      .replace(/@(channel|here|everyone)\b/gi, `@${ZWSP}$1`),
  )
    .map((seg) => (seg.code ? seg.raw : quoteUrls(seg.text)))
    .join('');
}
