/** Everything the plan's Q&A says in Slack, in polite Japanese (the answers' own wording is src/plan/answer-texts.ts). */

export const THANKS_UP = 'フィードバックありがとうございます。「役に立った」として記録しました。';

export const THANKS_DOWN = 'フィードバックありがとうございます。「役に立たなかった」として記録しました。改善の参考にさせていただきます。';

export const UNKNOWN_ANSWER = 'この回答への評価は受け付けられませんでした（古い回答か、記録が見つかりません）。お手数ですが、もう一度ご質問ください。';

export const UNAVAILABLE_TEXT = 'ただいま一時的に利用できません。しばらくしてからもう一度お試しください。';

export const ANSWER_ERROR_TEXT = '申し訳ありません。回答を作成する途中で問題が起きました。お手数ですが、しばらくしてからもう一度お尋ねください。';

export const THINKING_TEXT = '考えています…';

export const FALLBACK_LABEL = '※AIの回答を取得できなかったため、プランの該当箇所を抜粋しています。';

export const NOT_FOUND_LABEL = '※「港区役所 職員力向上基本プラン」には、このご質問に当てはまる記載が見つかりませんでした。推測でのお答えは控えています。';

export const CONTINUES_LABEL = '（回答が長いため、次のメッセージに続きます）';

export const CONTINUED_LABEL = '（前のメッセージの続きです）';

export const SUGGESTED_PROMPTS = [
  { title: '３つの心構えとは？', message: '３つの心構えとは？' },
  { title: '元気アップ会議とは？', message: '元気アップ会議とは？' },
  { title: '管理監督者の役割は？', message: '管理監督者の役割は？' },
  { title: 'OJTとOFF-JTの違いは？', message: 'OJTとOFF-JTの違いは？' },
];

export const GREETING_TEXT =
  'こんにちは、みなとナビです。「港区役所 職員力向上基本プラン」について、プランの本文を根拠にお答えします。' +
  '下の例から選ぶか、知りたいことをそのまま入力してください。同じスレッドで続けて質問すると、前の話の流れを踏まえてお答えします。';
