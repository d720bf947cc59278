/**
 * A GraphQL subscription through the gateway over Server-Sent Events (the
 * tests' one reader of them), read in
 * the background: `opened` resolves once the gateway answered with its event
 * stream (the subscription is live: events published from then on arrive),
 * and `payloads` fills as they do.
 */
export interface SseSubscription<T> {
  opened: Promise<void>;
  payloads: T[];
  close(): void;
}

export function sseSubscription<T>(url: string, key: string, query: string, variables: Record<string, unknown> = {}): SseSubscription<T> {
  const aborter = new AbortController();
  const payloads: T[] = [];
  let resolveOpened: () => void = () => {};
  let rejectOpened: (err: unknown) => void = () => {};
  const opened = new Promise<void>((resolve, reject) => ((resolveOpened = resolve), (rejectOpened = reject)));
  void (async () => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query, variables }),
      signal: aborter.signal,
    });
    if (!res.ok || !res.body) throw new Error(`the gateway answered ${res.status}: ${await res.text()}`);
    resolveOpened();
    const decoder = new TextDecoder();
    let pending = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      pending += decoder.decode(chunk, { stream: true });
      const blocks = pending.split('\n\n');
      pending = blocks.pop() ?? '';
      // An event's data lines, joined; keep-alive comments carry none.
      const datas = blocks.map((block) => block.split('\n').filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trim()).join('\n'));
      for (const data of datas.filter(Boolean)) payloads.push(JSON.parse(data) as T);
    }
  })().catch((err: unknown) => {
    rejectOpened(err);
    if (!aborter.signal.aborted) payloads.push({ streamError: String(err) } as T);
  });
  return { opened, payloads, close: () => aborter.abort() };
}
