/**
 * Child of the analyzer benchmark: loads the morphological analyzer in a fresh process (as the bot does at
 * start) and prints {"ms": …} — the time of loading the WebAssembly module and building the dictionary.
 */
import { loadAnalyzer } from '../src/plan/analyzer.js';

process.stdout.write(`${JSON.stringify({ ms: loadAnalyzer() })}\n`);
