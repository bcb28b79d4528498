// One formatter for values everywhere (run output, reports, editors): it lives in core.
export { decimal, formatDuration, formatValue, NO_VALUE, type ValueDisplay } from "@kpi-as-code/core";
