/** Plain data shapes of the plan Q&A domain. No Slack, no HTTP. */

/** One section of the plan, e.g. id "4(2)②", with its own text (not its children's). */
export interface Section {
  /** Stable id built from the plan's own numbering: "1", "4(2)", "4(2)②", "前文", "図". */
  id: string;
  /** The heading as the plan writes it, without its number. */
  title: string;
  /** The section's body text, cleaned (no heading line). */
  text: string;
  /** 1 for １…, 2 for （１）…, 3 for ①…; 0 for the unnumbered front matter. */
  level: number;
  /** Ids of the enclosing sections, outermost first. */
  parents: string[];
}

export interface Citation {
  /** Section id, e.g. "4(2)②". */
  section: string;
  /** The section's title. */
  title: string;
  /** The plan's own words for that passage (verbatim, white space tidied). */
  text: string;
}

export type AnswerMode = 'llm' | 'extractive';

export interface Answer {
  question: string;
  answer: string;
  found: boolean;
  mode: AnswerMode;
  /** Best first. */
  citations: Citation[];
  /** Set when the model was asked but the answer fell back to extractive mode. */
  fallback?: 'model_error' | 'timeout' | 'invalid_output';
  /** Set when the question itself was refused (empty, too long, no words). */
  refused?: 'empty' | 'too_long' | 'no_content';
}

export interface ConversationTurn {
  role: 'user' | 'assistant';
  content: string;
}

export interface AskOptions {
  /** Earlier turns of the same thread, oldest first. */
  history?: ConversationTurn[];
  /** Called with each new piece of answer text as the model streams it. */
  onDelta?: (text: string) => void | Promise<void>;
  signal?: AbortSignal;
}

/**
 * Told of every question answered in Slack and of every 👍/👎, for the monthly report. Gets no
 * user id; the question text only so that a refused one can be kept (redacted) as input for
 * the plan's next revision.
 */
export interface QaActivity {
  asked(q: { at: Date; found: boolean; sections: string[]; text: string }): Promise<void>;
  voted(v: { answeredAt: Date; sections: string[]; vote: 'up' | 'down'; previous?: 'up' | 'down' }): Promise<void>;
}

/** The one entry point that Slack, the CLI and the benchmark share. */
export interface PlanAnswerer {
  answer(question: string, options?: AskOptions): Promise<Answer>;
}
