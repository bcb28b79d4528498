import type { KpiFile } from "@kpi-as-code/core";
import type { Period } from "../types.js";

/** A point of the target path: a date (YYYY-MM-DD) and the value the KPI should have then. */
export interface PathPoint {
  date: string;
  value: number;
  /** Which target field the point comes from. */
  kind: "baseline" | "short_term" | "mid_term";
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/**
 * Days since 1970-01-01 of a calendar date, or undefined when the text is not one. The path is read
 * from user files that may not have been validated, so a bad date drops its point instead of throwing.
 */
export function dayNumber(date: unknown): number | undefined {
  if (typeof date !== "string") return undefined;
  const match = DATE.exec(date);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const parsed = new Date(time);
  if (parsed.getUTCMonth() !== month - 1 || parsed.getUTCDate() !== day) return undefined;
  return time / DAY_MS;
}

/** The period's last day (`end - 1 day`), the date a period's value is judged on. */
export function lastDay(period: Period): string {
  const end = dayNumber(period.end);
  if (end === undefined) return period.end;
  return new Date((end - 1) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Spec 5.1: the points (baseline.at, baseline.value), (short_term.by, short_term.value),
 * (mid_term.by, mid_term.value) in date order. A baseline alone is not a target: without a short- or
 * mid-term point the path is empty. Points with a bad date or a non-finite value are left out.
 */
export function targetPath(target: KpiFile["target"] | undefined): PathPoint[] {
  if (!target || typeof target !== "object") return [];
  const points: PathPoint[] = [];
  const add = (kind: PathPoint["kind"], value: unknown, date: unknown) => {
    if (typeof value !== "number" || !Number.isFinite(value) || dayNumber(date) === undefined) return;
    points.push({ kind, value, date: date as string });
  };
  add("short_term", target.short_term?.value, target.short_term?.by);
  add("mid_term", target.mid_term?.value, target.mid_term?.by);
  if (points.length === 0) return [];
  add("baseline", target.baseline?.value, target.baseline?.at);
  return points.sort((a, b) => (dayNumber(a.date) ?? 0) - (dayNumber(b.date) ?? 0));
}

/**
 * The path's value on a date: linear by days between the points around it, the first point's value
 * before it and the last's after it; null for an empty path or a bad date. On a point, its value exactly.
 */
export function pathValueOn(path: readonly PathPoint[], date: string): number | null {
  const day = dayNumber(date);
  const first = path[0];
  const last = path[path.length - 1];
  if (day === undefined || !first || !last) return null;
  if (day <= (dayNumber(first.date) ?? 0)) return first.value;
  if (day >= (dayNumber(last.date) ?? 0)) return last.value;
  for (let index = 1; index < path.length; index++) {
    const before = path[index - 1] as PathPoint;
    const after = path[index] as PathPoint;
    const from = dayNumber(before.date) ?? 0;
    const to = dayNumber(after.date) ?? 0;
    if (day > to) continue;
    if (day === to) return after.value;
    return before.value + ((after.value - before.value) * (day - from)) / (to - from);
  }
  return last.value;
}

/** Spec 5.1 `expected`: the target path's value on the period's last day; null without a target. */
export function expectedValue(kpi: Pick<KpiFile, "target">, period: Period): number | null {
  return pathValueOn(targetPath(kpi.target), lastDay(period));
}

/**
 * The point the path heads for after the period: the first point dated after its last day, else the
 * last point (every target passed). What "35% by 2027-03-31" names beside the expected value.
 */
export function nextTargetPoint(kpi: Pick<KpiFile, "target">, period: Period): PathPoint | undefined {
  const path = targetPath(kpi.target).filter((point) => point.kind !== "baseline");
  const day = dayNumber(lastDay(period)) ?? 0;
  return path.find((point) => (dayNumber(point.date) ?? 0) > day) ?? path[path.length - 1];
}
