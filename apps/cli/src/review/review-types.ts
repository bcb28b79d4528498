import type { Period, Status } from "@kpi-as-code/runner";

/** The measured effect of an action with `started`: the KPI over as many days before as after. */
export interface ActionEffect {
  days: number;
  before: { period: Period; value: number | null };
  after: { period: Period; value: number | null };
  change: number | null;
}

export interface ReviewAction {
  hypothesis: string;
  experiment?: string;
  owner: string | null;
  due: string | null;
  overdue: boolean;
  started: string | null;
  effect?: ActionEffect;
}

/** The segment whose value moved most the wrong way since the previous period. */
export interface WorstSegment {
  segment: string;
  key: string | null;
  value: number | null;
  previous_value: number | null;
  change: number;
}

export interface RelatedKpi {
  kpi: string;
  name: string;
  status: Status | null;
  value: number | null;
}

/** One KPI due for review: the spec's JSON fields (5.3) first, then what the markdown also shows. */
export interface DueReview {
  kpi: string;
  owner: string;
  next: string;
  overdue: boolean;
  status: Status;
  value: number | null;
  expected: number | null;
  previous_value: number | null;
  actions: ReviewAction[];
  name: string;
  goal: string;
  days_overdue: number;
  period: Period;
  previous_period: Period;
  change: number | null;
  worst_segment: WorstSegment | null;
  related: RelatedKpi[];
  error?: string;
}

export interface ReviewAgenda {
  today: string;
  /** The last day of the window: KPIs with `review.next` on or before it are due. */
  until: string;
  due: DueReview[];
}
