// The send path: persist the user's message, stream the reply to the renderer and
// into SQLite, and finish it with its usage or a sentence saying what went wrong.
import { AppError } from '../../../src-shared/api/errors';
import type { EventName, EventPayload } from '../../../src-shared/api/contract';
import type { Message, Usage, UserError } from '../../../src-shared/domain';
import { uuidv7 } from '../../../src-shared/ids';
import type { Logger } from '../log/logger';
import { streamChat } from '../providers';
import type { ChatTurn } from '../providers/types';
import type { ConversationStore, MessageOutcome } from '../store/types';
import type { Vault } from '../vault/types';
import { ReplyBuffer } from './reply-buffer';

export type EmitEvent = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface ChatServiceOptions {
  store: ConversationStore;
  vault: Vault;
  emit: EmitEvent;
  log: Logger;
  flushIntervalMs?: number;
  coalesceMs?: number;
}

const NO_USAGE: Usage = { inputTokens: null, outputTokens: null };

export function titleFrom(text: string): string {
  const firstLine = text.trim().split('\n')[0]!.trim();
  return firstLine.length > 60 ? `${firstLine.slice(0, 57)}…` : firstLine;
}

/** The turns from the root of the tree down to `leafId`, oldest first. */
export function pathTo(messages: Message[], leafId: string): ChatTurn[] {
  const byId = new Map(messages.map((m) => [m.id, m]));
  const turns: ChatTurn[] = [];
  for (let m = byId.get(leafId); m; m = m.parentId ? byId.get(m.parentId) : undefined) {
    if (m.content.length > 0) turns.push({ role: m.role, content: m.content });
  }
  return turns.reverse();
}

export class ChatService {
  private readonly running = new Map<string, { controller: AbortController; done: Promise<void> }>();

  constructor(private readonly options: ChatServiceOptions) {}

  async send(input: { conversationId?: string; providerId: string; text: string }) {
    const { store } = this.options;
    const provider = await store.getProvider(input.providerId);
    if (!provider) {
      throw new AppError('provider.missing', 'That provider no longer exists. Choose another one or add it again in Providers.');
    }
    let conversationId = input.conversationId;
    let parentId: string | null = null;
    if (conversationId) {
      const existing = await store.getConversation(conversationId);
      if (!existing) throw new AppError('conversation.missing', 'That conversation was deleted. Start a new chat.');
      parentId = existing.messages.at(-1)?.id ?? null;
    } else {
      conversationId = uuidv7();
      await store.createConversation({ id: conversationId, title: titleFrom(input.text) });
    }
    const user = await store.insertMessage({
      id: uuidv7(),
      conversationId,
      parentId,
      role: 'user',
      content: input.text,
      status: 'done',
      providerId: null,
      model: null,
    });
    const assistant = await store.insertMessage({
      id: uuidv7(),
      conversationId,
      parentId: user.id,
      role: 'assistant',
      content: '',
      status: 'streaming',
      providerId: provider.id,
      model: provider.model,
    });
    this.options.emit('conversation.changed', { conversationId });
    const controller = new AbortController();
    const done = this.stream(assistant, provider.baseUrl, provider.model, controller).finally(() =>
      this.running.delete(assistant.id),
    );
    this.running.set(assistant.id, { controller, done });
    return { conversationId, userMessageId: user.id, assistantMessageId: assistant.id };
  }

  stop(messageId: string): boolean {
    const run = this.running.get(messageId);
    if (!run) return false;
    run.controller.abort();
    return true;
  }

  /** Stops every reply and waits until each one is stored. */
  async stopAll(): Promise<void> {
    const runs = [...this.running.values()];
    for (const run of runs) run.controller.abort();
    await Promise.all(runs.map((run) => run.done));
  }

  private async stream(assistant: Message, baseUrl: string, model: string, controller: AbortController): Promise<void> {
    const { store, vault, emit, log } = this.options;
    const ids = { conversationId: assistant.conversationId, messageId: assistant.id };
    const buffer = new ReplyBuffer({
      emitDelta: (text) => emit('stream.delta', { ...ids, text }),
      flush: (text) => store.flushStreamingText(assistant.id, text),
      onFlushError: (error) => log.error('could not save streamed text', { messageId: assistant.id, error }),
      ...(this.options.flushIntervalMs !== undefined && { flushIntervalMs: this.options.flushIntervalMs }),
      ...(this.options.coalesceMs !== undefined && { coalesceMs: this.options.coalesceMs }),
    });
    let outcome: Omit<MessageOutcome, 'content'>;
    try {
      const history = await store.getConversation(assistant.conversationId);
      const messages = pathTo(history?.messages ?? [], assistant.parentId ?? assistant.id);
      const apiKey = await vault.get(assistant.providerId!);
      const result = await streamChat({
        baseUrl,
        apiKey,
        model,
        messages,
        signal: controller.signal,
        onText: (delta) => buffer.append(delta),
      });
      outcome = { status: 'done', error: null, usage: result.usage };
    } catch (error) {
      outcome = this.failure(error, controller.signal.aborted);
      if (outcome.status === 'error') log.warn('reply failed', { messageId: assistant.id, code: outcome.error?.code });
    }
    const content = await buffer.close();
    try {
      const message = await store.finishMessage(assistant.id, { ...outcome, content });
      emit('stream.end', { ...ids, status: message.status, error: message.error, usage: message.usage, message });
    } catch (error) {
      log.error('could not store the finished reply', { messageId: assistant.id, error });
    }
  }

  private failure(error: unknown, aborted: boolean): Omit<MessageOutcome, 'content'> {
    if (aborted) return { status: 'interrupted', error: null, usage: NO_USAGE };
    let userError: UserError;
    if (error instanceof AppError) userError = { code: error.code, message: error.message };
    else {
      this.options.log.error('unexpected failure while streaming', { error });
      userError = { code: 'internal', message: 'The reply failed because of an error inside the app. Try again.' };
    }
    return { status: 'error', error: userError, usage: NO_USAGE };
  }
}
