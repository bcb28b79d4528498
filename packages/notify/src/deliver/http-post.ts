import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { DeliveryError } from "./retry.js";

/**
 * POSTs a JSON body. Resolves on 2xx; a 5xx, a network error or no answer within `timeoutMs` is a
 * retryable DeliveryError, any other status a final one. Messages never carry the URL (it holds the secret).
 */
export function postJson(url: string, body: unknown, timeoutMs: number): Promise<void> {
  const target = new URL(url);
  const request =
    target.protocol === "https:" ? httpsRequest : target.protocol === "http:" ? httpRequest : undefined;
  if (!request) return Promise.reject(new DeliveryError(`unsupported URL scheme ${target.protocol}`, false));
  const payload = Buffer.from(JSON.stringify(body), "utf8");
  return new Promise<void>((resolve, reject) => {
    const outgoing = request(
      target,
      {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": payload.length },
        timeout: timeoutMs,
      },
      (response) => {
        response.resume();
        response.on("end", () => {
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve();
          else reject(new DeliveryError(`the server answered HTTP ${status}`, status >= 500));
        });
        response.on("error", (error) => reject(new DeliveryError(error.message, true)));
      },
    );
    outgoing.on("timeout", () => outgoing.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    outgoing.on("error", (error: NodeJS.ErrnoException) =>
      reject(new DeliveryError(error.code ? `${error.code}: ${error.message}` : error.message, true)),
    );
    outgoing.end(payload);
  });
}
