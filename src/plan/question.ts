/**
 * Checks on the question itself, before anything is retrieved or sent to a model:
 * empty, too long, no words at all (emoji only), and which language to answer in; and, for the keyless answer, what
 * is asked without what it comes wrapped in (the bot's name, greetings, closings: whatIsAsked).
 */

export type Lang = 'ja' | 'en';

/** Questions longer than this (in characters, after trimming) are refused politely. */
export const MAX_QUESTION_CHARS = 1_000;

export type QuestionCheck =
  | { ok: true; text: string; lang: Lang }
  | { ok: false; refused: 'empty' | 'too_long' | 'no_content'; lang: Lang };

/** Slack markup that carries no words of its own: user/channel mentions, special tokens, :emoji: codes. */
const SLACK_MARKUP = /<[@#!][^>\s]*>|:[a-z0-9_+'-]+:/gi;

/** Kana, kanji (CJK ideographs), and the iteration mark: signs of a Japanese question. */
const JAPANESE = /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}々〆ー]/u;

/**
 * Japanese by default; English when the question has Latin letters and no kana or kanji.
 * ("Hello" → en, "元気アップ会議とは？" → ja, "OJTとは" → ja, "123" → ja.)
 */
export function detectLanguage(text: string): Lang {
  if (JAPANESE.test(text)) return 'ja';
  return /\p{Script=Latin}/u.test(text.normalize('NFKC')) ? 'en' : 'ja';
}

/** What is left of a question once Slack markup, emoji, symbols, punctuation and white space are gone. */
export function wordContent(text: string): string {
  return text.normalize('NFKC').replace(SLACK_MARKUP, '').replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * What office Slack wraps a question in, none of it part of what is asked (keyless answers: ナビ would read as the
 * preface's ナビゲーション, お疲れ様 and よろしく as topics the plan lacks):
 * - a tag before it (【質問】【至急】) and a laugh after it (「…ってなに？笑」「（笑）」「ｗ」);
 * - calling the bot by its name (「みなとナビさん、」「ねえナビ、」「@みなとナビ 」, "Hi Minato Navi,"), set greetings
 *   (「お疲れ様です。」「いつもお世話になっております。」, "Hello team, quick question:"), in any order, and who writes
 *   right after them (「総務課の山田です。」);
 * - set closings (「よろしくお願いします🙏」「ありがとうございます！」, "Thanks in advance!", "Cheers.").
 */
const TAG = /^\s*[【\[](?:質問|ご?相談|確認|至急|急ぎ|お願い|教えて|お?問い?合わせ|共有|連絡|Q)[】\]]\s*/iu;
const LAUGH = /(?<=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー？?！!。、])\s*(?:[（(]笑[)）]|笑|ｗ+|w+)[。！!\s\p{Extended_Pictographic}\u{FE0F}]*$/u;
/** Not 「みなとナビ って何？」, which asks about the name. */
const ADDRESS =
  /^\s*(?:(?:ねえ|ねぇ|なあ|なぁ|あの|hey|hi|hello|dear)[、,\s]*)?@?\s*(?:みなと\s*ナビ|ミナト\s*ナビ|minato[-\s]?navi|ナビ)(?:さん|くん|君|ちゃん|様)?(?:[、,，:：!！]+\s*|\s+(?!って|とは|は|の|を|が|に|で|も))/iu;
const GREETING =
  /^\s*(?:(?:いつも)?お世話になって(?:おります|います)|お世話になります|お(?:疲|つか)れ(?:様|さま)(?:です|でございます)|おつかれさまです|おはようございます|こんにちは|こんばんは|失礼(?:いた)?します|(?:お忙しいところ|突然|夜分に?)?(?:すみません|すいません|申し訳ありません|恐れ入ります|失礼します))[。、！!,，\s]+/u;
const GREETING_EN = /^\s*(?:(?:hi|hey|hello|good (?:morning|afternoon|evening))(?: (?:all|team|everyone|everybody|guys|folks|there))?[,!.:\s]+)?(?:(?:a )?quick (?:question|q)[,!.:\s]+)?/iu;
const INTRO = /^\s*[^。！？!?\n]{1,16}の[^。！？!?\n、]{1,8}(?:です|と申します)[。、！!\s]+/u;
/** After a boundary only: 「研修をお願いします」 asks for 研修. The ？ before a closing stays. */
const CLOSING =
  /(^|[。、！!？?\s])[。、！!？?\s]*(?:(?:どうぞ|何卒|なにとぞ)?(?:よろしく|宜しく)(?:お願い(?:いた|致)?します|お願い申し上げます|です)?|お願い(?:いた|致)?します|ありがとうございます|ありがとう|助かります|以上です)[。！!\s\p{Extended_Pictographic}\u{FE0F}\u{200D}]*$/u;
const CLOSING_EN = /([.!?\s])\s*(?:(?:many )?thanks(?: a lot| in advance)?|thank you(?: (?:so much|in advance))?|cheers|regards|thx)[.!\s\p{Extended_Pictographic}\u{FE0F}]*$/iu;

/** The question without its wrapping (above); a wrapping alone (「よろしくお願いします」) is left as it is. */
export function whatIsAsked(question: string): string {
  const untagged = question.replace(TAG, '').replace(LAUGH, '');
  let q = untagged;
  for (let prev = ''; prev !== q; ) {
    prev = q;
    q = q.replace(ADDRESS, '').replace(GREETING, '').replace(GREETING_EN, '');
  }
  if (q !== untagged) q = q.replace(INTRO, '');
  q = q.replace(CLOSING_EN, (_, before: string) => (before === '?' ? '?' : '')).replace(CLOSING, (m: string) => (/[？?]/.test(m) ? '？' : ''));
  return q.trim() === '' ? question : q;
}

export function checkQuestion(raw: string, maxChars = MAX_QUESTION_CHARS): QuestionCheck {
  const text = (raw ?? '').trim();
  const lang = detectLanguage(text);
  if (text === '') return { ok: false, refused: 'empty', lang: 'ja' };
  if ([...text].length > maxChars) return { ok: false, refused: 'too_long', lang };
  if (wordContent(text) === '') return { ok: false, refused: 'no_content', lang: 'ja' };
  return { ok: true, text, lang };
}

/**
 * Attempts to override the bot's instructions or to extract them. The model is told to refuse
 * these anyway; extractive mode (which cannot reason) answers them with found:false outright.
 */
const INJECTION_PATTERNS: RegExp[] = [
  /システム\s*プロンプト|system\s*prompt|初期\s*プロンプト|プロンプト(を|の)(教え|見せ|表示|出力|開示|全文)/i,
  /(これまで|今まで|以前|前|上記|先ほど)の(指示|命令|ルール|設定|プロンプト)を(無視|忘れ|破棄|リセット)/,
  /(指示|命令|ルール|制約)を(無視|忘れ)/,
  /ignore\s+(all\s+)?(the\s+)?(previous|prior|above|earlier|your)\s+(instructions|rules|prompts?)/i,
  /disregard\s+(all\s+)?(the\s+)?(previous|prior|above|your)\s+(instructions|rules)/i,
  /(あなた|君|お前)(への|に与えられた)(指示|命令|設定)/,
  /(reveal|print|show|repeat)\s+(your|the)\s+(instructions|prompt|rules)/i,
  /開発者モード|developer\s+mode|jailbreak|DAN\s*モード/i,
];

export function looksLikePromptInjection(text: string): boolean {
  const t = text.normalize('NFKC');
  return INJECTION_PATTERNS.some((re) => re.test(t));
}
