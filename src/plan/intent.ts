/**
 * What kind of answer a question wants, beyond its topic:
 * - `asks`: who (a person's name), when (a date or period), how many / how much (a number). Passages that hold
 *   that kind of answer rank a little higher, and when none of the quoted passages does, the answer says
 *   「その点はプランには書かれていません」 beside what the plan does say.
 * - `action`: the person wants to do something the bot itself offers (sign up for a World Café session, send an
 *   improvement proposal, get the morning-meeting prompt): the answer points to the command.
 */
import { normalizeText } from './normalize.js';

export type AnswerKind = 'person' | 'date' | 'number';
export type Action = 'worldcafe' | 'proposal' | 'morning';

const ASKS: [AnswerKind, RegExp][] = [
  ['person', /誰|だれ|どなた|名前|氏名|\bwho\b|\bname\b/i],
  ['date', /いつ|何時|何日|何月|何年|時期|日程|期限|締め?切|開始時刻|\bwhen\b|what time/i],
  ['number', /何人|何回|何名|何つ|いくつ|いくら|何円|金額|人数|回数|頻度|どのくらい|どれくらい|どれぐらい|\bhow (many|much|often)\b/i],
];

export function asks(question: string): AnswerKind | undefined {
  const q = normalizeText(question);
  return ASKS.find(([, re]) => re.test(q))?.[0];
}

/** Wanting to do: 〜したい, 〜たいです, 〜ほしい, 〜には？, how do I …, I want to … */
const WANT = /(たい|ほしい|欲しい|方法|やり方|どうすれば|どうしたら|には[?？]?$|\bwant to\b|\bhow (do|can) i\b|\bi'?d like to\b)/i;

const ACTIONS: [Action, RegExp][] = [
  ['worldcafe', /(ワールド\s*カフェ|オフサイト|ウォーキング|world\s*caf).*(申し?込|参加|登録|予約|sign|join|register)|(申し?込|参加|sign|join).*(ワールド\s*カフェ|world\s*caf)/i],
  ['proposal', /(提案|アイデア|アイディア|改善案|proposal|suggestion|idea).*(出|送|提出|投稿|応募|したい|submit|send|make)|(提案|propose)したい/i],
  ['morning', /(毎朝|朝礼|朝の|morning).*(話題|ネタ|テーマ|お題|topic|prompt)/i],
];

export function action(question: string): Action | undefined {
  const q = normalizeText(question);
  if (!WANT.test(q) && !/話題|ネタ|お題|topic|prompt/i.test(q)) return undefined;
  return ACTIONS.find(([, re]) => re.test(q))?.[0];
}
