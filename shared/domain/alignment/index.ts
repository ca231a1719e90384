// The alignment engine's public face: computeAlignment and the types of its input and report.
export { AlignmentInputError } from './errors';
export { computeAlignment, intervalMethod, quotedSignalIds, weekIndex } from './compute-alignment';
export type * from './types';
export { ALIGNMENT_RULES, perChannelMinimum } from './rules';
export {
  type BurstDay,
  BurstDaySchema,
  BurstEvidenceSchema,
  findReviewBursts,
  isTopRatedReview,
  type ReviewBurst,
  ReviewBurstSchema,
  withLiveEvidence,
} from './review-bursts';
