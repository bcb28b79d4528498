export { analysisWindow } from "./analysis-window.js";
export {
  type AnalyzeOptions,
  analyzeLeadLag,
  DEFAULT_ANALYSIS_PERIODS,
  DEFAULT_MAX_LAG,
  type LeadLagAnalysis,
  type LeadLagNote,
  type LeadLagResult,
} from "./analyze-lead-lag.js";
export {
  computeFunnels,
  type FunnelOptions,
  type FunnelResult,
  type SegmentFunnel,
} from "./compute-funnels.js";
export {
  type ChangeDecomposition,
  type DecompositionMethod,
  decomposeChange,
  type InputContribution,
  logarithmicMean,
  multiplicativeExponents,
} from "./decompose-change.js";
export { firstDifferences, goodIsUp } from "./differences.js";
export { explainChange, type SegmentChange, type WhyOptions, type WhyResult } from "./explain-change.js";
export {
  type FunnelConversions,
  type FunnelStep,
  funnelConversions,
  type WorstSegmentDrop,
  worstSegmentDrop,
} from "./funnel-conversions.js";
export {
  bestLag,
  type LagCorrelation,
  type LeadVerdict,
  laggedCorrelations,
  leadVerdict,
  MIN_CORRELATION,
  MIN_PAIRS,
} from "./lagged-correlation.js";
export { type GoalWithoutPair, type LeadLagPair, leadLagPairs } from "./lead-lag-pairs.js";
export { type MixRateDecomposition, mixRate, type SegmentMixRate, type SegmentRatio } from "./mix-rate.js";
export { pearson } from "./pearson.js";
