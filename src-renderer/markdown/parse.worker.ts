// The markdown parser's thread: the page's main thread never parses a reply, so
// no text, however hostile, can block it (parse-client.ts stops this worker
// when one block takes too long).
import { parseBlock } from './pipeline';

export interface ParseRequest {
  id: number;
  text: string;
}

/** A parsed block; the first message, with no id, says the worker has loaded. */
export type ParseReply = { id: number; result: ReturnType<typeof parseBlock> } | { id: null };

const scope = self as unknown as { onmessage: ((event: MessageEvent<ParseRequest>) => void) | null; postMessage(reply: ParseReply): void };

scope.onmessage = ({ data }) => {
  scope.postMessage({ id: data.id, result: parseBlock(data.text) });
};
scope.postMessage({ id: null });
