import { notifyRun, readDeliveryRecords } from "@kpi-as-code/notify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { input, NO_WAIT, result, tempRoot } from "./support/fixtures.js";
import { type Recorder, startRecorder } from "./support/http-recorder.js";
import { header, mimePart, type SmtpSink, startSmtpSink } from "./support/smtp-sink.js";

let hook: Recorder;
let smtp: SmtpSink;
beforeEach(async () => {
  hook = await startRecorder();
  smtp = await startSmtpSink();
});
afterEach(async () => {
  await hook.close();
  await smtp.close();
});

interface SlackBody {
  text: string;
  blocks: { type: string; text?: { text: string }; elements?: { url: string }[] }[];
}

describe("slack channel", () => {
  it("posts text and Block Kit blocks: status, value against expected, owner, first action, report link", async () => {
    const root = tempRoot();
    const alerts = {
      channels: { team_chat: { type: "slack" as const, url: `${hook.url}/services/T1/B2/xyz` } },
      routes: [{ channels: ["team_chat"], on: ["off_track", "at_risk"] }],
      report_url: "https://kpi.acme.example/report.html",
    };
    await notifyRun(input(root, alerts, [result("csat", "off_track", 0.2)]), NO_WAIT);
    const body = hook.bodies[0] as SlackBody;
    expect(body.text).toContain("acme-support");
    expect(body.text).toContain("1 KPI alert");
    const alert = body.blocks.find((block) => block.type === "section")?.text?.text ?? "";
    expect(alert).toContain("Customer satisfaction");
    expect(alert).toContain("off track");
    expect(alert).toContain("20%");
    expect(alert).toContain("expected 30%");
    expect(alert).toContain("support");
    expect(alert).toContain("Faster first replies lift CSAT");
    const link = body.blocks.find((block) => block.type === "actions")?.elements?.[0]?.url;
    expect(link).toBe("https://kpi.acme.example/report.html");
  });
});

describe("email channel", () => {
  const emailAlerts = (url: string, to = ["lead@acme.example"]) => ({
    channels: { leads: { type: "email" as const, url, from: "kpi@acme.example", to } },
    routes: [{ channels: ["leads"] }],
  });

  it("sends a mail with a plain-text and an HTML part, the subject naming the project and the count", async () => {
    const root = tempRoot();
    const run = [result("csat", "off_track", 0.2), result("backlog", "off_track", 1200)];
    const [outcome] = await notifyRun(input(root, emailAlerts(smtp.url), run), NO_WAIT);
    expect(outcome?.error).toBeUndefined();
    expect(smtp.mails).toHaveLength(1);
    const mail = smtp.mails[0];
    expect(mail?.to).toEqual(["lead@acme.example"]);
    const subject = header(mail?.raw ?? "", "subject") ?? "";
    expect(subject).toContain("acme-support");
    expect(subject).toContain("2 KPI alerts");
    const text = mimePart(mail?.raw ?? "", "text/plain") ?? "";
    const html = mimePart(mail?.raw ?? "", "text/html") ?? "";
    expect(text).toContain("Customer satisfaction (csat): off track");
    expect(text).toContain("Ticket backlog (backlog)");
    expect(html).toContain("<strong>Customer satisfaction (csat)</strong>");
    expect(html).toContain("1,200");
    // Delivered once: the next run sends nothing.
    expect(await notifyRun(input(root, emailAlerts(smtp.url), run), NO_WAIT)).toEqual([]);
    expect(smtp.mails).toHaveLength(1);
  });

  it("a rejected recipient fails the channel after 3 attempts without naming the password; the next run delivers", async () => {
    const root = tempRoot();
    smtp.rejectRecipients.add("gone@acme.example");
    const alerts = emailAlerts(smtp.url, ["gone@acme.example"]);
    const run = [result("csat", "off_track", 0.2)];
    const [failed] = await notifyRun(input(root, alerts, run), NO_WAIT);
    expect(failed).toMatchObject({ channel: "leads", attempts: 3 });
    expect(failed?.error).toBeTruthy();
    expect(failed?.error).not.toContain("s3cret-pass");
    expect(smtp.mails).toHaveLength(0);
    expect(await readDeliveryRecords(root)).toEqual([]);
    smtp.rejectRecipients.clear();
    const [sent] = await notifyRun(input(root, alerts, run), NO_WAIT);
    expect(sent?.error).toBeUndefined();
    expect(smtp.mails).toHaveLength(1);
  });

  it("wrong credentials fail the channel without printing them", async () => {
    const root = tempRoot();
    const wrong = smtp.url.replace("s3cret-pass", "wrong-pass-123");
    const [failed] = await notifyRun(
      input(root, emailAlerts(wrong), [result("csat", "off_track", 0.2)]),
      NO_WAIT,
    );
    expect(failed?.error).toBeTruthy();
    expect(failed?.error).not.toContain("wrong-pass-123");
  });
});
