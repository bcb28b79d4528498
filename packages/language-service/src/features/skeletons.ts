/** Plain-text skeletons for code actions (no snippet placeholders: a workspace edit inserts text as is). */
export function targetSkeletonText(): string {
  return [
    "target:",
    "  baseline: { value: 0, at: 2026-01-01 }",
    "  short_term: { value: 0, by: 2026-06-30 }",
    "  mid_term: { value: 0, by: 2026-12-31 }",
  ].join("\n");
}

export function actionPlanSnippetText(): string {
  return [
    "action_plan:",
    "  - hypothesis: TODO what might move the KPI",
    "    experiment: TODO how to test it",
  ].join("\n");
}
