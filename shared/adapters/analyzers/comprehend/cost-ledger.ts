// What the Comprehend calls of one analyze() cost: calls and billable units per API. Every text sent
// is counted, retries included, because Comprehend bills each request; calls the SDK itself retried
// (throttling) are invisible here, so the figures are what we asked for, not an invoice.
import { billableUnits, type AnalysisCost } from '#domain/analyzer';

export const COMPREHEND_APIS = ['DetectSentiment', 'DetectKeyPhrases', 'DetectDominantLanguage'] as const;
export type ComprehendApi = (typeof COMPREHEND_APIS)[number];

export interface CostLedger {
  recordCall(api: ComprehendApi, textList: readonly string[]): void;
  cost(): AnalysisCost;
}

/** Characters as Comprehend prices them: Unicode characters (code points), not UTF-16 units. */
export function characterCount(text: string): number {
  return Array.from(text).length;
}

/** Billable units for one text sent to one API; the only place units are computed. */
export function unitsFor(text: string): number {
  return billableUnits(characterCount(text));
}

export function createCostLedger(): CostLedger {
  const calls = perApi();
  const units = perApi();
  return {
    recordCall(api, textList) {
      calls[api] += 1;
      units[api] += textList.reduce((sum, text) => sum + unitsFor(text), 0);
    },
    cost: () => ({ calls: { ...calls }, units: { ...units } }),
  };
}

function perApi(): Record<ComprehendApi, number> {
  return { DetectSentiment: 0, DetectKeyPhrases: 0, DetectDominantLanguage: 0 };
}
