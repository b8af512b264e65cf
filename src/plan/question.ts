/**
 * Checks on the question itself, before anything is retrieved or sent to a model:
 * empty, too long, no words at all (emoji only), and which language to answer in.
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
 * Calling the bot by its name before the question (「みなとナビさん、朝礼って何のため？」「ねえナビ、…」「@みなとナビ …」,
 * "Hi Minato Navi, …"): not part of what is asked (ナビ would read as the preface's ナビゲーション).
 */
const ADDRESS =
  /^\s*(?:(?:ねえ|ねぇ|なあ|なぁ|あの|hey|hi|hello|dear)[、,\s]*)?@?\s*(?:みなと\s*ナビ|ミナト\s*ナビ|minato[-\s]?navi|ナビ)(?:さん|くん|君|ちゃん|様)?(?:[、,，:：!！]+\s*|\s+(?!って|とは|は|の|を|が|に|で|も))/iu;

export function withoutAddress(question: string): string {
  const rest = question.replace(ADDRESS, '');
  return rest.trim() === '' ? question : rest;
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
