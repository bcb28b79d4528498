export { RunnerError, type RunnerErrorCode } from "./errors.js";
export * from "./periods/index.js";
export * from "./types.js";
export * from "./history/index.js";
