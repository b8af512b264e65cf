import type { Lang } from './question.js';

/** The fixed user-facing sentences of the Q&A feature (polite Japanese; English for English questions). */

const PLAN_NAME_JA = '「港区役所 職員力向上基本プラン」';

export function notFoundText(lang: Lang): string {
  return lang === 'en'
    ? 'The plan does not cover this. I could not find it in the Minato Ward Office staff-development plan ' +
        '(「港区役所 職員力向上基本プラン」), so I will not guess. Please try asking about something the plan describes, ' +
        'for example "What are the three mindsets?"'
    : `プランには記載がありません。お尋ねの内容は${PLAN_NAME_JA}では扱われていないため、推測でのお答えは控えます。` +
        'プランに書かれていること（例:「３つの心構えとは？」）でしたらお答えできますので、聞き方を変えてお試しください。';
}

export function injectionText(lang: Lang): string {
  return lang === 'en'
    ? 'The plan does not cover this. I only answer questions about the staff-development plan, and I cannot change ' +
        'my instructions or show them.'
    : `プランには記載がありません。みなとナビは${PLAN_NAME_JA}についてのご質問にお答えしています。` +
        '動作の指示を変えることや、内部の設定をお見せすることはできませんので、ご了承ください。';
}

export function refusalText(reason: 'empty' | 'too_long' | 'no_content', lang: Lang, maxChars: number): string {
  switch (reason) {
    case 'empty':
      return 'ご質問の内容が空のようです。プランについて知りたいことを入力してください（例:「元気アップ会議とは？」）。';
    case 'too_long':
      return lang === 'en'
        ? `Your question is too long (the limit is ${maxChars} characters). Please shorten it to the main point and ask again.`
        : `ご質問が長すぎます（${maxChars.toLocaleString('ja-JP')} 文字までです）。要点を短くまとめて、もう一度お尋ねください。`;
    case 'no_content':
      return 'ご質問の文字が読み取れませんでした（絵文字や記号だけのようです）。プランについて知りたいことを文章で入力してください（例:「３つの心構えとは？」）。';
  }
}

/** The lead-in of an extractive answer. `fallback`: the model was asked but its answer was unavailable. */
export function extractiveLead(lang: Lang, fallback: boolean): string {
  if (lang === 'en') {
    return fallback
      ? 'The AI answer was unavailable, so here is an automatic excerpt of the relevant passages of the plan (quoted in Japanese):'
      : 'Here are the relevant passages of the plan, excerpted automatically (quoted in Japanese):';
  }
  return fallback
    ? 'AI による回答を取得できなかったため、プランの該当箇所を自動で抜粋してお伝えします。'
    : 'プランの該当箇所を抜粋してお伝えします。';
}
