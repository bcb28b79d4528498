export * from "./orders-fixture.js";
