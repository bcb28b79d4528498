// The target path, `expected`, the status rule and the trend forecast (spec 5.1): pure functions
// with no database driver behind them, so the editor and the report use the same ones as `kpi run`.

export { type Calendar, DEFAULT_CALENDAR } from "../periods/calendar.js";
export { workspaceCalendar } from "../periods/workspace-calendar.js";
export { STATUS_LABEL, STATUS_SYMBOL, statusText } from "../status-text.js";
export {
  FORECAST_MIN_POINTS,
  FORECAST_POINTS,
  type Forecast,
  lineAt,
  type TrendPoint,
  trendForecast,
} from "./forecast.js";
export { paceStatus, statusOf, thresholdStatus } from "./pace-status.js";
export { type FormatNumber, forecastText, paceText } from "./pace-text.js";
export {
  dayNumber,
  expectedValue,
  lastDay,
  nextTargetPoint,
  type PathPoint,
  pathValueOn,
  targetPath,
} from "./target-path.js";
