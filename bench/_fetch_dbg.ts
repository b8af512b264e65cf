import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startOpenAIFake, planReply } from '../test/helpers/openai-fake.js';
import { createPlanAnswerer } from '../src/plan/answerer.js';
import { silentLogger } from '../src/infra/logger.js';
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const rss = () => { for (let i = 0; i < 4; i++) gc(); return Math.round(process.memoryUsage().rss / 1e6); };
const mode = process.argv[2];
const ai = await startOpenAIFake();
ai.handle(() => ({ content: planReply({ citations: [{ section: '4(2)②', quote: '各職場から選出された若手職員を中心メンバーとする元気アップ会議を設置し' }], found: true, answer: '元気アップ会議は若手職員を中心とする会議です。' }) }));
const big = 'あ'.repeat(10000);
const answerer = createPlanAnswerer({ model: 'm', logger: silentLogger });
const one = async (i: number) => {
  if (mode === 'fetch') {
    const r = await fetch(`${ai.baseUrl}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ model: 'x', stream: i % 2 === 0, messages: [{ role: 'system', content: big }] }) });
    await r.text();
  } else {
    await answerer.answer(`元気アップ会議とは？（${i}）`, {});
  }
};
console.log('start', rss());
for (let k = 0; k < 5; k++) {
  for (let i = 0; i < 2000; i += 20) { await Promise.all(Array.from({ length: 20 }, (_, j) => one(k * 2000 + i + j))); ai.reset(); }
  console.log(k, rss());
}
await ai.stop();
