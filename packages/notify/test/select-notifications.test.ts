import type { DeliveryState } from "@kpi-as-code/notify";
import { selectNotifications } from "@kpi-as-code/notify";
import { describe, expect, it } from "vitest";
import { DECEMBER, FACTS, NOVEMBER, result } from "./support/fixtures.js";

const nothingDelivered: DeliveryState = { hasAlert: () => false, openAlert: () => undefined };

const openSince = (period: { start: string; end: string }): DeliveryState => ({
  hasAlert: () => false,
  openAlert: (channel, kpi) => ({ channel, kind: "alert", kpi, status: "off_track", period, at: "" }),
});

const channels = {
  chat: { type: "slack" as const, url: "http://127.0.0.1:1/a" },
  hook: { type: "webhook" as const, url: "http://127.0.0.1:1/b" },
};

describe("selectNotifications", () => {
  it("gives a channel in several routes one message with each KPI once", () => {
    const selections = selectNotifications({
      alerts: {
        channels,
        routes: [
          { channels: ["chat", "hook"], on: ["off_track"] },
          { channels: ["chat"], on: ["off_track", "at_risk"], owners: ["ops"] },
        ],
      },
      results: [result("csat", "off_track", 0.1), result("backlog", "at_risk", 50)],
      facts: FACTS,
      delivered: nothingDelivered,
      previousStatus: () => null,
    });
    expect(selections.get("chat")?.alerts.map((alert) => alert.kpi)).toEqual(["csat", "backlog"]);
    expect(selections.get("hook")?.alerts.map((alert) => alert.kpi)).toEqual(["csat"]);
  });

  it("resolves an open alert on the same or a later period only, and never for a KPI the routes skip", () => {
    const alerts = { channels, routes: [{ channels: ["hook"], owners: ["support"] }] };
    const select = (delivered: DeliveryState, period: { start: string; end: string }, kpi = "csat") =>
      selectNotifications({
        alerts,
        results: [result(kpi, "on_track", 0.4, period)],
        facts: FACTS,
        delivered,
        previousStatus: () => null,
      }).get("hook")?.resolved ?? [];
    expect(select(openSince(NOVEMBER), NOVEMBER)).toHaveLength(1);
    expect(select(openSince(NOVEMBER), DECEMBER)).toHaveLength(1);
    // An older period recomputed does not resolve a newer alert.
    expect(select(openSince(DECEMBER), NOVEMBER)).toHaveLength(0);
    expect(select(nothingDelivered, DECEMBER)).toHaveLength(0);
    expect(select(openSince(NOVEMBER), DECEMBER, "backlog")).toHaveLength(0);
  });

  it("alerts again when the status changes within a period, and not for what was delivered", () => {
    const alerts = { channels, routes: [{ channels: ["hook"], on: ["off_track", "at_risk"] }] };
    const delivered: DeliveryState = {
      hasAlert: (_channel, kpi, _period, status) => kpi === "csat" && status === "at_risk",
      openAlert: () => undefined,
    };
    const pick = (status: "at_risk" | "off_track") =>
      selectNotifications({
        alerts,
        results: [result("csat", status, 0.1)],
        facts: FACTS,
        delivered,
        previousStatus: () => "at_risk",
      }).get("hook")?.alerts ?? [];
    expect(pick("at_risk")).toEqual([]);
    expect(pick("off_track")).toMatchObject([
      { kpi: "csat", status: "off_track", previous_status: "at_risk" },
    ]);
  });
});
