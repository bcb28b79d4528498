/** The dates a template plans its targets and reviews from (see commands/init.ts). */
export interface InitDates {
  today: string;
  baseline: string;
  shortTerm: string;
  midTerm: string;
  review: string;
  periodStart: string;
  periodEnd: string;
}

/** A kind of team's start: every file `kpi init` writes, by path relative to the workspace. */
export interface InitTemplate {
  /** One line for `kpi init --help` and the unknown-template error. */
  description: string;
  files(project: string, dates: InitDates): Record<string, string>;
}
