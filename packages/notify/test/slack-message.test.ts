import { slackMessage } from "@kpi-as-code/notify";
import { describe, expect, it } from "vitest";
import { FACTS, NOVEMBER } from "./support/fixtures.js";

describe("slackMessage", () => {
  it("stays within Slack's 50 blocks and 3,000 characters a section with many alerts", () => {
    const alerts = Array.from({ length: 120 }, (_, i) => ({
      kpi: `kpi_${i}`,
      name: `KPI number ${i} with a long name`,
      owner: "ops",
      status: "off_track" as const,
      previous_status: null,
      value: i,
      expected: null,
      period: NOVEMBER,
    }));
    const message = slackMessage({
      project: "p",
      alerts,
      resolved: [],
      facts: FACTS,
      reportUrl: "https://x.example",
    });
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    for (const block of message.blocks as { text?: { text: string } }[]) {
      expect((block.text?.text ?? "").length).toBeLessThanOrEqual(3000);
    }
    expect(JSON.stringify(message.blocks)).toContain("80 more");
  });

  it("shows control characters of names escaped and escapes Slack's reserved characters", () => {
    const message = slackMessage({
      project: "p",
      alerts: [
        {
          kpi: "csat",
          name: "CSAT \u001b[31m<!channel> & co",
          owner: "support",
          status: "off_track",
          previous_status: null,
          value: 0.2,
          expected: null,
          period: NOVEMBER,
        },
      ],
      resolved: [],
      facts: FACTS,
    });
    const text = (message.blocks as { text?: { text: string } }[])
      .map((block) => block.text?.text)
      .join("\n");
    expect(text).not.toContain("\u001b");
    expect(text).toContain("\\u001b[31m");
    expect(text).toContain("&lt;!channel&gt; &amp; co");
  });
});
