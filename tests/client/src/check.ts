// Small helpers of the flow: unwrap an openapi-fetch result or fail with what the server
// said, and wait for a mail in the sink's mailbox.
import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";

/** What every openapi-fetch call resolves to, success or not. */
interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The body of a successful answer with the expected status; anything else throws. */
export async function expectStatus<T>(step: string, status: number, call: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (response.status !== status || data === undefined) {
    throw new Error(`${step}: expected HTTP ${status}, got ${response.status}: ${JSON.stringify(error ?? data)}`);
  }
  console.log(`ok  ${step} (${response.status})`);
  return data;
}

/** Asserts a condition of the flow. */
export function expect(condition: boolean, what: string): asserts condition {
  if (!condition) {
    throw new Error(`expected ${what}`);
  }
}

interface Mail {
  to: string[];
  subject: string;
  text: string;
}

function isMail(value: unknown): value is Mail {
  if (typeof value !== "object" || value === null) {
    return false;
  }
  const { to, text } = value as Record<string, unknown>;
  return Array.isArray(to) && to.every((t) => typeof t === "string") && typeof text === "string";
}

/** The `token` of the first link mailed to `address`, waiting up to 15 s for the mail. */
export async function mailedToken(mailbox: string, address: string): Promise<string> {
  for (let attempt = 0; attempt < 150; attempt++) {
    let lines: string[] = [];
    try {
      lines = readFileSync(mailbox, "utf8").split("\n").filter((l) => l.length > 0);
    } catch {
      // The sink creates the file with the first mail.
    }
    for (const line of lines) {
      const mail: unknown = JSON.parse(line);
      if (!isMail(mail)) {
        continue;
      }
      const token = /[?&]token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
      if (mail.to.includes(address) && token !== undefined) {
        return token;
      }
    }
    await sleep(100);
  }
  throw new Error(`no mail with a token reached ${address}`);
}
