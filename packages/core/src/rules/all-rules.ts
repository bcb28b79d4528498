import { actionableNoActionPlan } from "./actionable-no-action-plan.js";
import { alertsSecretInUrl } from "./alerts-secret-in-url.js";
import { alertsUnknownChannel } from "./alerts-unknown-channel.js";
import { alertsUnknownOwner } from "./alerts-unknown-owner.js";
import { alignmentUncoveredGoal } from "./alignment-uncovered-goal.js";
import { alignmentUnknownGoal } from "./alignment-unknown-goal.js";
import { balanceLeadingLagging } from "./balance-leading-lagging.js";
import { calendarUnknownTimezone } from "./calendar-unknown-timezone.js";
import { fileUnreadable } from "./file-unreadable.js";
import { focusCoreCount } from "./focus-core-count.js";
import { funnelSteps } from "./funnel-steps.js";
import { idDuplicate } from "./id-duplicate.js";
import { idFilename } from "./id-filename.js";
import { measurabilityFormulaSyntax } from "./measurability-formula-syntax.js";
import { measurabilityPreviousArity } from "./measurability-previous-arity.js";
import { measurabilityReferenceCycle } from "./measurability-reference-cycle.js";
import { measurabilitySegmentSql } from "./measurability-segment-sql.js";
import { measurabilitySourceUnreachable } from "./measurability-source-unreachable.js";
import { measurabilitySqlError } from "./measurability-sql-error.js";
import { measurabilityUnitRange } from "./measurability-unit-range.js";
import { measurabilityUnknownColumn } from "./measurability-unknown-column.js";
import { measurabilityUnknownReference } from "./measurability-unknown-reference.js";
import { measurabilityUnknownSource } from "./measurability-unknown-source.js";
import { measurabilityUnknownTable } from "./measurability-unknown-table.js";
import { measurabilityUnusedMeasure } from "./measurability-unused-measure.js";
import { measurabilityView } from "./measurability-view.js";
import { ownershipUnknownOwner } from "./ownership-unknown-owner.js";
import { reviewOverdue } from "./review-overdue.js";
import type { Rule } from "./rule.js";
import { schemaRule } from "./schema.js";
import { targetDates } from "./target-dates.js";
import { targetDirection } from "./target-direction.js";
import { targetMissing } from "./target-missing.js";
import { targetOverdue } from "./target-overdue.js";
import { thresholdsOrder } from "./thresholds-order.js";
import { vanityRawCount } from "./vanity-raw-count.js";
import { versionDecreased } from "./version-decreased.js";
import { versionNotBumped } from "./version-not-bumped.js";
import { workspaceNested } from "./workspace-nested.js";
import { yamlSyntax } from "./yaml-syntax.js";

/** Every rule, in the order of the spec's table. Rules are data; docs/rules.md is generated from this list. */
export const RULES: readonly Rule[] = [
  yamlSyntax,
  fileUnreadable,
  schemaRule,
  idDuplicate,
  idFilename,
  alignmentUnknownGoal,
  alignmentUncoveredGoal,
  ownershipUnknownOwner,
  measurabilityFormulaSyntax,
  measurabilityUnknownReference,
  measurabilityUnusedMeasure,
  measurabilityUnknownSource,
  measurabilityReferenceCycle,
  measurabilitySegmentSql,
  measurabilityView,
  measurabilityUnknownTable,
  measurabilityUnknownColumn,
  measurabilitySqlError,
  measurabilitySourceUnreachable,
  measurabilityUnitRange,
  targetMissing,
  targetDirection,
  targetDates,
  targetOverdue,
  thresholdsOrder,
  balanceLeadingLagging,
  focusCoreCount,
  vanityRawCount,
  actionableNoActionPlan,
  reviewOverdue,
  versionNotBumped,
  versionDecreased,
  alertsUnknownChannel,
  alertsUnknownOwner,
  alertsSecretInUrl,
  funnelSteps,
  workspaceNested,
  calendarUnknownTimezone,
  measurabilityPreviousArity,
];
