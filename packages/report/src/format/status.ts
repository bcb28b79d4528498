// Status symbols and words are the runner's, shared with `kpi run` and the editors.
export { STATUS_LABEL, STATUS_SYMBOL, STATUSES, statusText } from "@kpi-as-code/runner";
