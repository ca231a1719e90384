// The analyzers a command can be asked for by name, how each is built, and which stored scores
// each name reads. The CLI chooses the name; this module knows what stands behind it.
import type { Analyzer, AnalyzerIdentity } from '#domain/analyzer';
import { COMPREHEND_ANALYZER_VERSION, createComprehendAnalyzer } from './comprehend/comprehend-analyzer';
import { createComprehendClient } from './comprehend/comprehend-client';
import { createLocalAnalyzer, LOCAL_ANALYZER_VERSION } from './local/local-analyzer';
import { createLocalAnalyzerPool, hasSeveralCores } from './local/local-analyzer-pool';

export const ANALYZERS = ['local', 'comprehend'] as const;
export type AnalyzerName = (typeof ANALYZERS)[number];

export function analyzerFor(name: AnalyzerName): Analyzer {
  if (name === 'comprehend') return createComprehendAnalyzer({ client: createComprehendClient() });
  // On several cores a long scoring run moves to worker threads, with the same scores; a short one
  // never starts them (see local-analyzer-pool.ts).
  return hasSeveralCores() ? createLocalAnalyzerPool() : createLocalAnalyzer();
}

/** Which scores an analyzer name reads, without building the analyzer (the digest only reads scores). */
export function analyzerIdentityFor(name: AnalyzerName): AnalyzerIdentity {
  return name === 'comprehend'
    ? { name: 'comprehend', version: COMPREHEND_ANALYZER_VERSION }
    : { name: 'local', version: LOCAL_ANALYZER_VERSION };
}
