/**
 * English → the plan's own terms, for English questions answered without a model. Everyday English words that
 * Sudachi's dictionary already pairs with Japanese (meeting → 会議, volunteer → ボランティア, boss → 上司) come from
 * there (sudachi.ts); this is the short glossary of the plan's key terms that no dictionary has. Keys are
 * compared in lower case and start a word ("award" also finds "awards").
 */
import type { SynonymEntry } from './synonyms.js';

const en = (keys: string[], targets: string[]): SynonymEntry => ({ keys, targets, weight: 0.9 });

export const GLOSSARY: SynonymEntry[] = [
  // The three mindsets (1)
  en(['three mindsets', 'three attitudes', '3 mindsets', 'mindset', 'attitude', 'principles'], ['3つの心構え', '心構え']),
  en(['citizen-oriented', 'citizen oriented', 'resident-oriented', 'residents first', 'citizen focus'], ['区民志向']),
  en(['challenge spirit', 'spirit of challenge', 'challenging spirit', 'challenge'], ['チャレンジ精神']),
  en(['professionalism', 'professional'], ['プロ意識']),
  en(['accountability'], ['説明責任', 'アカウンタビリティ']),
  // People and roles (3)
  en(['ward mayor', 'mayor', 'ward head', 'head of the ward'], ['区長']),
  en(['supervisor', 'manager', 'management', 'superior'], ['管理監督者']),
  en(['staff', 'employee', 'employees', 'official', 'worker'], ['職員']),
  en(['junior', 'young staff', 'new staff', 'newcomer'], ['若手職員']),
  en(['subordinate'], ['部下職員']),
  en(['role', 'responsibilit', 'duty', 'duties'], ['役割', '責務']),
  en(['skill', 'abilit', 'competenc', 'capabilit'], ['能力']),
  // Training and personnel (4(1))
  en(['ojt', 'on-the-job', 'on the job'], ['OJT']),
  en(['off-jt', 'off the job', 'off-the-job'], ['OFF-JT']),
  en(['pdca'], ['PDCAサイクル']),
  en(['training', 'workshop', 'course'], ['研修']),
  en(['self-development', 'self development', 'self-study'], ['自己啓発']),
  en(['personnel', 'transfer', 'job rotation', 'reassignment'], ['人事', '人事配置']),
  en(['free agent', 'fa system'], ['FA制度']),
  en(['internal recruitment', 'job posting'], ['庁内公募']),
  en(['document management', 'records management', 'documents', 'records'], ['文書管理']),
  en(['public relations', 'publicity', 'pr officer'], ['広報', '広報主任']),
  en(['project team', 'cross-section', 'task force'], ['プロジェクトチーム']),
  en(['award', 'commendation', 'recognition', 'prize'], ['区長表彰', '表彰']),
  // Open workplace (4(2))
  en(['morning meeting', 'morning assembly', 'morning briefing'], ['朝礼']),
  en(['workplace meeting', 'team meeting', 'staff meeting'], ['職場ミーティング']),
  en(['genki up', 'genki-up'], ['元気アップ会議']),
  en(['world cafe', 'world café', 'worldcafe'], ['ワールドカフェ']),
  en(['off-site', 'offsite'], ['オフサイトミーティング']),
  en(['walking', 'guided walk', 'walk'], ['区内ガイド&ウォーキング']),
  en(['newsletter', 'in-house magazine', 'bulletin'], ['庁内情報誌']),
  en(['suggestion box', 'feedback box', 'comment box'], ['改善箱']),
  en(['survey', 'questionnaire'], ['アンケート']),
  en(['exchange of views', 'dialogue', 'talk with the mayor', 'town meeting'], ['意見交換']),
  en(['proposal', 'suggestion', 'improvement idea', 'idea'], ['改善提案']),
  en(['volunteering', 'volunteer', 'cleanup', 'clean-up'], ['ボランティア', '職員ボランティア']),
  en(['open workplace', 'open culture', 'communication'], ['風通しの良い職場']),
  // The plan and the ward
  en(['vision', 'future vision'], ['港区将来ビジョン', '将来ビジョン']),
  en(['five pillars', 'pillars'], ['5つの柱']),
  en(['purpose', 'goal', 'aim'], ['めざす', '目的']),
  en(['minato ward', 'minato'], ['港区']),
];
