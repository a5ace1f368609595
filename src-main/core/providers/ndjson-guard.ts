// Ollama's NDJSON stream, checked line by line before the SDK reads it. The
// community provider skips a line it cannot parse (an `{"error": ...}` line, a
// broken line) and ends as if the reply were complete; this turns each into the
// failure it is, and a stream that ends without its `done` line into a cut.

/** The stream ended without its `done` line: cut off. */
class MissingDone extends Error {
  constructor() {
    super('The stream ended before its done line.');
  }
}

/** An `{"error": "..."}` line inside a successful stream: the provider's own words. */
export class StreamErrorEvent extends Error {
  constructor(readonly providerMessage: string) {
    super(providerMessage);
    this.name = 'StreamErrorEvent';
  }
}

/** A line that is not JSON. */
export class MalformedLine extends Error {
  constructor() {
    super('a line of the stream is not JSON');
    this.name = 'MalformedLine';
  }
}

function check(line: string): { done: boolean } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new MalformedLine();
  }
  const error = (value as { error?: unknown } | null)?.error;
  if (typeof error === 'string' || (typeof error === 'object' && error !== null)) {
    const words = typeof error === 'string' ? error : String((error as { message?: unknown }).message ?? JSON.stringify(error));
    throw new StreamErrorEvent(words);
  }
  return { done: (value as { done?: unknown } | null)?.done === true };
}

export function guardNdjson(response: Response): Response {
  if (!response.ok || !response.body || !/ndjson/i.test(response.headers.get('content-type') ?? '')) return response;
  const decoder = new TextDecoder();
  let pending = '';
  let done = false;
  const lines = (text: string, final: boolean) => {
    pending += text;
    const parts = pending.split('\n');
    pending = final ? '' : parts.pop()!;
    for (const line of parts) if (line.trim() && check(line.trim()).done) done = true;
  };
  const checked = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        lines(decoder.decode(chunk, { stream: true }), false);
        controller.enqueue(chunk);
      },
      flush() {
        lines(decoder.decode(), true);
        if (!done) throw new MissingDone();
      },
    }),
  );
  return new Response(checked, { status: response.status, statusText: response.statusText, headers: response.headers });
}
