import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Retries an assertion until it passes: consumers apply events asynchronously, so the test
 * waits for the state it expects instead of for a fixed time.
 */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(250);
    }
  }
}

/** An HTTP answer: its status and its decoded JSON body. */
export interface JsonAnswer<T> {
  status: number;
  body: T;
}

export async function getJson<T>(url: string): Promise<JsonAnswer<T>> {
  const response = await fetch(url);
  return { status: response.status, body: (await response.json()) as T };
}

export async function postJson<T>(url: string, body: unknown): Promise<JsonAnswer<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}
