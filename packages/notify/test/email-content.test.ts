import { emailContent } from "@kpi-as-code/notify";
import { describe, expect, it } from "vitest";
import { DECEMBER, FACTS, NOVEMBER } from "./support/fixtures.js";

describe("emailContent", () => {
  it("names the project and the counts in the subject, escapes HTML, lists resolved KPIs and the report", () => {
    const content = emailContent({
      project: "acme-support",
      alerts: [
        {
          kpi: "csat",
          name: "CSAT <script>alert(1)</script>",
          owner: "support",
          status: "off_track",
          previous_status: "at_risk",
          value: 0.2,
          expected: 0.3,
          period: NOVEMBER,
        },
      ],
      resolved: [{ kpi: "backlog", status: "on_track", period: DECEMBER }],
      facts: FACTS,
      reportUrl: "https://kpi.acme.example/report.html?a=1&b=2",
    });
    expect(content.subject).toContain("acme-support");
    expect(content.subject).toContain("1 KPI alert");
    expect(content.subject).toContain("1 resolved");
    expect(content.html).not.toContain("<script>");
    expect(content.html).toContain("&lt;script&gt;");
    expect(content.html).toContain('href="https://kpi.acme.example/report.html?a=1&amp;b=2"');
    expect(content.text).toContain("value 20%, expected 30%");
    expect(content.text).toContain("(was at risk)");
    expect(content.text).toContain("Ticket backlog (backlog): now on track");
    expect(content.text).toContain("next action: Faster first replies lift CSAT (Staff the morning shift)");
  });
});
