import OpenAI from 'openai';
import type { Config } from '../config.js';
import { outboundFetch, type ProxyConfig } from '../infra/outbound.js';

/**
 * The OpenAI-compatible client, or undefined without OPENAI_API_KEY (extractive answers).
 * Kept apart from src/app.ts so the CLI (npm run ask) builds it without loading Bolt.
 * Client defaults are bounded; the plan answerer passes tighter per-request values
 * (15 s per attempt, 1 retry, 25 s in all: see src/plan/answerer.ts).
 */
export function createModelClient(config: Pick<Config, 'OPENAI_API_KEY' | 'OPENAI_BASE_URL'> & ProxyConfig): OpenAI | undefined {
  if (!config.OPENAI_API_KEY) return undefined;
  return new OpenAI({
    apiKey: config.OPENAI_API_KEY,
    baseURL: config.OPENAI_BASE_URL,
    // People are waiting in Slack: bounded time, bounded retries (429/5xx/timeouts).
    timeout: 20_000,
    maxRetries: 2,
    // Through the office proxy when one is set; network errors name the host.
    fetch: outboundFetch('OpenAI', config),
  });
}
