// One formatter for values everywhere (run output, reports, editors): it lives in core.
export { decimal, fixed, formatDuration, formatValue, NO_VALUE } from "@kpi-as-code/core";
