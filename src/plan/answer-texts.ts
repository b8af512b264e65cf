import type { Action } from './intent.js';
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

/**
 * The lead-in of an extractive answer. `fallback`: the model was asked but its answer was unavailable. In English,
 * one line saying where the plan covers it; the quotes that follow are the plan's own Japanese words.
 */
export function extractiveLead(lang: Lang, fallback: boolean, first?: { section: string }): string {
  if (lang === 'en') {
    const where = first ? `The plan covers this in section ${first.section}. ` : '';
    return fallback
      ? `The AI answer was unavailable, so here is an automatic excerpt. ${where}Its own words (in Japanese):`
      : `${where}Here are its own words (in Japanese), excerpted automatically:`;
  }
  return fallback
    ? 'AI による回答を取得できなかったため、プランの該当箇所を自動で抜粋してお伝えします。'
    : 'プランの該当箇所を抜粋してお伝えします。';
}

export function multiPartLead(lang: Lang, fallback: boolean): string {
  if (lang === 'en') {
    return `${fallback ? 'The AI answer was unavailable, so here is an automatic excerpt. ' : ''}Your question has several parts; here is what the plan says on each (quoted in Japanese):`;
  }
  return `${fallback ? 'AI による回答を取得できなかったため、自動で抜粋しています。' : ''}ご質問の点ごとに、プランの該当箇所を抜粋してお伝えします。`;
}

/** A part of a question that the plan does not cover. */
export function partAbsentText(lang: Lang, part: string): string {
  return lang === 'en' ? `"${part}": the plan does not cover this.` : `「${part}」については、プランには記載がありません。`;
}

/** Before passages that the whole question points to beside its parts' own. */
export function relatedText(lang: Lang): string {
  return lang === 'en' ? 'Also related:' : 'あわせて、関連する箇所です。';
}

/** A part asking for a detail (a time, a date, a number, a name, how to apply) that the plan does not give. */
export function partDetailText(lang: Lang, part: string): string {
  return lang === 'en' ? `"${part}": the plan does not say.` : `「${part}」：その点はプランには書かれていません。`;
}

/** Before the passage that speaks of what a detail-question asks about. */
export function whatItSaysText(lang: Lang): string {
  return lang === 'en' ? 'What the plan does say about it:' : 'プランに書かれているのは、次のところです。';
}

/** The whole question asks for a detail the plan does not give about something it does mention. */
export function detailMissingText(lang: Lang): string {
  return lang === 'en'
    ? 'The plan does not say. It mentions the subject, but gives no such detail (a time, a date, a number, a name or how to apply), so I will not guess.'
    : 'その点はプランには書かれていません。お尋ねの事柄はプランに出てきますが、日時・回数・金額・名前・手続きなどの詳しい点は記載がないため、推測でのお答えは控えます。';
}

/** The question names a section number the plan does not have: what there is instead (`sections`: id and title). */
export function noSuchSectionText(lang: Lang, label: string, sections: readonly { id: string; title: string }[]): string {
  const list = sections.map((s) => `${s.id} ${s.title}`);
  return lang === 'en'
    ? `The plan has no section "${label.replace(/^第(\d)章$/, 'chapter $1')}". ${list.length > 0 ? `What it has there: ${list.join(' / ')}. ` : ''}Please check the number and ask again.`
    : `プランに「${label}」という項目はありません。${list.length > 0 ? `あるのは ${list.map((x) => `「${x}」`).join('・')} です。` : ''}番号をお確かめのうえ、もう一度お尋ねください。`;
}

/** Where to do what the person asked to do (intent.ts): the bot's own commands. */
export function actionPointer(action: Action, lang: Lang): string {
  const ja: Record<Action, string> = {
    worldcafe: '👉 ワールドカフェなどの参加申し込みは、Slack で `/worldcafe` と入力すると開催予定の一覧が開き、「参加する」ボタンから行えます。',
    proposal: '👉 改善提案は、Slack で `/proposal` と入力すると提案フォームが開き、そこから提出できます。',
    morning: '👉 毎朝の話題は、チャンネルで `/morning subscribe` と入力すると、勤務日の朝礼の時間にそのチャンネルへ届きます。',
  };
  const en: Record<Action, string> = {
    worldcafe: '👉 To sign up for a World Café session, type `/worldcafe` in Slack: it lists the coming sessions, each with a join button.',
    proposal: '👉 To send an improvement proposal, type `/proposal` in Slack: it opens the proposal form.',
    morning: '👉 For a morning-meeting prompt every working day, type `/morning subscribe` in the channel.',
  };
  return (lang === 'en' ? en : ja)[action];
}
