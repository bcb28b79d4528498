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
export { firstDifferences, goodIsUp } from "./differences.js";
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
export { pearson } from "./pearson.js";
