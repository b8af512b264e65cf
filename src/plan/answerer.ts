import type OpenAI from 'openai';
import type { Logger } from '../infra/logger.js';
import type { PlanAnswerer } from './types.js';

export interface PlanAnswererDeps {
  /** Absent: extractive answers only. */
  openai?: OpenAI;
  model: string;
  logger: Logger;
}

// PLACEHOLDER — replaced by the plan Q&A work (issue 2).
export function createPlanAnswerer(_deps: PlanAnswererDeps): PlanAnswerer {
  return {
    answer: async () => {
      throw new Error('not implemented yet');
    },
  };
}
