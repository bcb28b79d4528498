export * from "./conformance.js";
export * from "./conformance-fixture.js";
export * from "./orders-fixture.js";
