import { DeliveryError } from "../deliver/retry.js";
import type { ChannelMessage } from "../types.js";
import { alertFacts, resolvedFacts, summaryLine } from "./alert-lines.js";

const escapeHtml = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/** The e-mail: the subject names the project and the count; a plain-text and an HTML part. */
export function emailContent(message: ChannelMessage): EmailContent {
  const textLines: string[] = [];
  const htmlParts: string[] = [];
  if (message.alerts.length > 0) {
    textLines.push("Alerts:");
    htmlParts.push("<h2>Alerts</h2><ul>");
    for (const alert of message.alerts) {
      const f = alertFacts(message, alert);
      const value = `value ${f.value}${f.expected ? `, expected ${f.expected}` : ""}`;
      const was = f.previous ? ` (was ${f.previous})` : "";
      textLines.push(`- ${f.title}: ${f.status}${was}, ${value}, ${f.period}, owner ${f.owner}`);
      if (f.firstAction) textLines.push(`  next action: ${f.firstAction}`);
      htmlParts.push(
        `<li><strong>${escapeHtml(f.title)}</strong>: ${escapeHtml(f.status)}${escapeHtml(was)}, ${escapeHtml(value)}, ` +
          `${escapeHtml(f.period)}, owner ${escapeHtml(f.owner)}` +
          (f.firstAction ? `<br>Next action: ${escapeHtml(f.firstAction)}` : "") +
          "</li>",
      );
    }
    htmlParts.push("</ul>");
  }
  if (message.resolved.length > 0) {
    textLines.push("Resolved:");
    htmlParts.push("<h2>Resolved</h2><ul>");
    for (const item of message.resolved) {
      const f = resolvedFacts(message, item);
      textLines.push(`- ${f.title}: now ${f.status}, ${f.period}`);
      htmlParts.push(`<li>${escapeHtml(f.title)}: now ${escapeHtml(f.status)}, ${escapeHtml(f.period)}</li>`);
    }
    htmlParts.push("</ul>");
  }
  if (message.reportUrl) {
    textLines.push("", `Report: ${message.reportUrl}`);
    htmlParts.push(`<p><a href="${escapeHtml(message.reportUrl)}">Open the report</a></p>`);
  }
  return {
    subject: `[KPI] ${summaryLine(message)}`,
    text: `${textLines.join("\n")}\n`,
    html: `<!doctype html><html><body>${htmlParts.join("")}</body></html>`,
  };
}

export interface EmailTarget {
  url: string;
  from: string;
  to: readonly string[];
}

/** Sends over SMTP (`smtp://` or `smtps://`, credentials in the URL). Every failure may be retried. */
export async function sendEmail(
  target: EmailTarget,
  content: EmailContent,
  timeoutMs: number,
): Promise<void> {
  const protocol = new URL(target.url).protocol;
  if (protocol !== "smtp:" && protocol !== "smtps:") {
    throw new DeliveryError(`unsupported URL scheme ${protocol} (smtp: or smtps:)`, false);
  }
  // Loaded only when a message goes out by e-mail: webhook and Slack channels never pay for it.
  const { default: nodemailer } = await import("nodemailer");
  const transport = nodemailer.createTransport({
    url: target.url,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  try {
    await transport.sendMail({ from: target.from, to: [...target.to], ...content });
  } catch (error) {
    const detail = error as { message?: string; responseCode?: number };
    throw new DeliveryError(detail.message ?? String(error), true);
  } finally {
    transport.close();
  }
}
