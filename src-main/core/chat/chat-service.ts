// The send path: persist the user's message, stream the reply to the renderer and
// into SQLite, and finish it with its usage or a sentence saying what went wrong.
// Regenerate, edit and compare reuse it to add siblings to the message tree.
import type { EventName, EventPayload } from '../../../src-shared/api/contract';
import { AppError } from '../../../src-shared/api/errors';
import type { Message } from '../../../src-shared/domain';
import { uuidv7 } from '../../../src-shared/ids';
import type { AttachmentUpload } from '../../../src-shared/entities/attachments';
import type { ConversationDetails, ModelSettings } from '../../../src-shared/entities/library';
import type { Logger } from '../log/logger';
import type { ChatTurn } from '../providers/types';
import type { AttachmentStore, ConversationStore, PersonaStore, ProviderStore, SettingStore, UsageStore } from '../store';
import type { Vault } from '../vault/types';
import { contextOf, decodeUploads, loadFiles, refuseImagesFor, storeFiles, turnsFor, userTurn, type FileContent } from './attachments';
import { resolveCall, type CallChoice, type ResolvedCall } from './call-config';
import { CallRunner, type CallOutcome } from './call-runner';
import { ModelOverrides } from './model-overrides';
import { ReplyBuffer } from './reply-buffer';

export type EmitEvent = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/**
 * What replies need of the store: the message tree and its files, the provider
 * and persona of a call, its usage, and the per-model overrides (settings).
 */
export type ChatStore = ConversationStore & AttachmentStore & ProviderStore & PersonaStore & UsageStore & SettingStore;

export interface ChatServiceOptions {
  store: ChatStore;
  vault: Vault;
  emit: EmitEvent;
  log: Logger;
  overrides?: ModelOverrides;
  runner?: CallRunner;
  flushIntervalMs?: number;
  coalesceMs?: number;
  /** The longest reply (and reasoning) kept, in characters; default MAX_REPLY_CHARS. */
  maxReplyChars?: number;
}

/**
 * About a million tokens: far beyond any model's output limit, so only a runaway
 * server reaches it, and the reply stays small enough to show, search and sync.
 */
export const MAX_REPLY_CHARS = 4_000_000;

function replyTooLong(maxChars: number) {
  return {
    code: 'reply.too_long',
    message: `The reply passed ${maxChars.toLocaleString('en')} characters, the most the app keeps for one reply, so it was stopped there. The text up to that point is kept.`,
  };
}

export interface SendInput {
  conversationId?: string | undefined;
  /** Optional when the persona or the conversation names one. */
  providerId?: string | undefined;
  model?: string | undefined;
  /** Null: no persona for this message, even if the conversation has one. */
  personaId?: string | null | undefined;
  settings?: ModelSettings | undefined;
  text: string;
  attachments?: AttachmentUpload[] | undefined;
}

/** Another reply to the prompt of `messageId` (an assistant reply). */
export interface RegenerateInput {
  conversationId: string;
  messageId: string;
  /** Default: the provider and model of the reply being regenerated. */
  providerId?: string | undefined;
  model?: string | undefined;
}

/** An edited version of the user message `messageId`, asked again. */
export interface EditInput {
  conversationId: string;
  messageId: string;
  text: string;
  providerId?: string | undefined;
  model?: string | undefined;
  personaId?: string | null | undefined;
}

export interface ReplyStart {
  conversationId: string;
  parentId: string;
  /** The turns before the reply, files included; images are left out for a model that takes none. */
  history: ChatTurn[];
  call: ResolvedCall;
  apiKey: string | null;
  /** Blind compare: events carry no provider or model until the vote. */
  blind?: boolean;
  onFinished?(message: Message, outcome: CallOutcome): void;
}

export function titleFrom(text: string): string {
  const firstLine = text.trim().split('\n')[0]!.trim();
  return firstLine.length > 60 ? `${firstLine.slice(0, 57)}…` : firstLine;
}

function choiceOf(input: { providerId?: string | undefined; model?: string | undefined; personaId?: string | null | undefined }): CallChoice {
  return {
    providerId: input.providerId ?? null,
    ...(input.model !== undefined && { model: input.model }),
    ...(input.personaId !== undefined && { personaId: input.personaId }),
  };
}

export class ChatService {
  private readonly running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  private quitting = false;
  readonly overrides: ModelOverrides;
  readonly runner: CallRunner;
  readonly emit: EmitEvent;
  readonly log: Logger;

  constructor(private readonly options: ChatServiceOptions) {
    this.emit = options.emit;
    this.log = options.log;
    this.overrides = options.overrides ?? new ModelOverrides(options.store);
    this.runner = options.runner ?? new CallRunner({ store: options.store, log: options.log });
  }

  /** Resolves provider, model, persona and parameters for a call, and reads its key. */
  async prepare(choice: Parameters<typeof resolveCall>[1], conversationId: string | null) {
    const { store, vault } = this.options;
    const conversation = conversationId ? await store.getConversation(conversationId) : null;
    if (conversationId && !conversation) throw new AppError('conversation.missing', 'That conversation was deleted. Start a new chat.');
    const call = await resolveCall({ store, overrides: this.overrides }, choice, conversation?.conversation ?? null);
    const apiKey = await vault.get(call.provider.id);
    return { call, apiKey, conversation: conversation?.conversation ?? null };
  }

  /**
   * Adds the user's message (and its files) under the shown branch, or starts a
   * conversation, and returns it with the history its reply is given.
   */
  async addUserMessage(conversationId: string | undefined, text: string, files: readonly FileContent[] = []) {
    const { store } = this.options;
    let branch: Message[] = [];
    let id = conversationId;
    if (id) branch = await store.getBranch(id);
    // Read before anything is stored: a vanished file refuses the message rather than half-storing it.
    const history = await contextOf(store, branch);
    if (!id) {
      id = uuidv7();
      await store.createConversation({ id, title: titleFrom(text) });
    }
    const user = await this.insertUserMessage(id, branch.at(-1)?.id ?? null, text, files);
    return { conversationId: id, user, history: [...history, userTurn(text, files)] };
  }

  async send(input: SendInput) {
    const choice = { ...choiceOf(input), ...(input.settings !== undefined && { settings: input.settings }) };
    // Everything that can refuse (no provider, locked vault, a file the model cannot take) does so before anything is stored.
    const files = decodeUploads(input.attachments ?? []);
    const { call, apiKey, conversation } = await this.prepare(choice, input.conversationId ?? null);
    refuseImagesFor(call, files);
    const { conversationId, user, history } = await this.addUserMessage(input.conversationId, input.text, files);
    const assistant = await this.startReply({ conversationId, parentId: user.id, history, call, apiKey });
    await this.showBranch(conversation, assistant.id);
    this.options.emit('conversation.changed', { conversationId });
    return { conversationId, userMessageId: user.id, assistantMessageId: assistant.id };
  }

  /** A new reply beside `messageId`, to the same prompt and context; by default from the same model. */
  async regenerate(input: RegenerateInput) {
    const { store } = this.options;
    const branch = await this.branchTo(input.conversationId, input.messageId);
    const reply = branch.at(-1)!;
    const prompt = branch.at(-2);
    if (reply.role !== 'assistant' || !prompt) {
      throw new AppError('chat.not_a_reply', 'Only a reply can be regenerated. To ask something else, edit your message.');
    }
    // The reply's own provider and model, unless another was chosen or the provider is gone.
    const kept = reply.providerId !== null && (await store.getProvider(reply.providerId)) !== null ? reply.providerId : undefined;
    const providerId = input.providerId ?? kept;
    const model = input.model ?? (providerId !== undefined && providerId === reply.providerId ? (reply.model ?? undefined) : undefined);
    const { call, apiKey, conversation } = await this.prepare(choiceOf({ providerId, model }), input.conversationId);
    const history = await contextOf(store, branch.slice(0, -1));
    const assistant = await this.startReply({ conversationId: input.conversationId, parentId: prompt.id, history, call, apiKey });
    await this.showBranch(conversation, assistant.id);
    this.options.emit('conversation.changed', { conversationId: input.conversationId });
    return { conversationId: input.conversationId, assistantMessageId: assistant.id };
  }

  /** Asks an edited version of a user message: a sibling with the same files, and a reply to it. */
  async edit(input: EditInput) {
    const { store } = this.options;
    const branch = await this.branchTo(input.conversationId, input.messageId);
    const original = branch.at(-1)!;
    if (original.role !== 'user') {
      throw new AppError('chat.not_a_prompt', 'Only your own messages can be edited. To get another reply, regenerate it.');
    }
    const { call, apiKey, conversation } = await this.prepare(choiceOf(input), input.conversationId);
    const files = await loadFiles(store, await store.listAttachments(original.id));
    refuseImagesFor(call, files);
    const history = await contextOf(store, branch.slice(0, -1));
    const user = await this.insertUserMessage(input.conversationId, original.parentId, input.text, files);
    const assistant = await this.startReply({
      conversationId: input.conversationId,
      parentId: user.id,
      history: [...history, userTurn(input.text, files)],
      call,
      apiKey,
    });
    await this.showBranch(conversation, assistant.id);
    this.options.emit('conversation.changed', { conversationId: input.conversationId });
    return { conversationId: input.conversationId, userMessageId: user.id, assistantMessageId: assistant.id };
  }

  /** Root to `messageId`; refuses a message that is not (or no longer) in the conversation. */
  private async branchTo(conversationId: string, messageId: string): Promise<Message[]> {
    const missing = () => new AppError('message.missing', 'That message was deleted. Reload the conversation and try again.');
    const branch = await this.options.store.getBranch(conversationId, messageId).catch((error: unknown) => {
      throw error instanceof AppError && error.code === 'store.not-found' ? missing() : error;
    });
    if (branch.at(-1)?.id !== messageId) throw missing();
    return branch;
  }

  private async insertUserMessage(conversationId: string, parentId: string | null, text: string, files: readonly FileContent[]) {
    const { store } = this.options;
    const user = await store.insertMessage({
      id: uuidv7(),
      conversationId,
      parentId,
      role: 'user',
      content: text,
      status: 'done',
      providerId: null,
      model: null,
    });
    await storeFiles(store, user.id, files);
    return user;
  }

  /**
   * Moves the shown branch to `leafId` when the conversation remembers one: a new
   * message joins the shown branch, so it must stay shown. (Without one, the newest is shown.)
   */
  async showBranch(conversation: ConversationDetails | null, leafId: string): Promise<void> {
    if (conversation?.shownLeafId) await this.options.store.setShownLeaf(conversation.id, leafId);
  }

  /** Inserts a streaming assistant message under `parentId` and streams into it; resolves once it exists. */
  async startReply(start: ReplyStart): Promise<Message> {
    const assistant = await this.options.store.insertMessage({
      id: uuidv7(),
      conversationId: start.conversationId,
      parentId: start.parentId,
      role: 'assistant',
      content: '',
      status: 'streaming',
      providerId: start.call.provider.id,
      model: start.call.model,
    });
    const controller = new AbortController();
    const done = this.stream(assistant, start, controller).finally(() => this.running.delete(assistant.id));
    this.running.set(assistant.id, { controller, done });
    return assistant;
  }

  isRunning(messageId: string): boolean {
    return this.running.has(messageId);
  }

  stop(messageId: string): boolean {
    const run = this.running.get(messageId);
    if (!run) return false;
    run.controller.abort();
    return true;
  }

  /** Resolves when the reply is stored (at once when it is not running). */
  async settled(messageId: string): Promise<void> {
    await this.running.get(messageId)?.done;
  }

  /** Stops every reply and waits until each one is stored. */
  async stopAll(): Promise<void> {
    const runs = [...this.running.values()];
    for (const run of runs) run.controller.abort();
    await Promise.all(runs.map((run) => run.done));
  }

  /**
   * Stops every reply for a quit: each stores the text since its last flush and
   * stays "streaming"; the next start marks it interrupted (interruptStreaming).
   * Finishing a long reply now (one write of all its text, then indexing it for
   * search) could hold the quit for seconds.
   */
  async quit(): Promise<void> {
    this.quitting = true;
    await this.stopAll();
  }

  private buffers(assistant: Message, onTooLong: () => void) {
    const { store, emit, log } = this.options;
    const ids = { conversationId: assistant.conversationId, messageId: assistant.id };
    const common = {
      ...(this.options.flushIntervalMs !== undefined && { flushIntervalMs: this.options.flushIntervalMs }),
      ...(this.options.coalesceMs !== undefined && { coalesceMs: this.options.coalesceMs }),
      maxChars: this.options.maxReplyChars ?? MAX_REPLY_CHARS,
      onTooLong,
    };
    const text = new ReplyBuffer({
      emitDelta: (delta) => emit('stream.delta', { ...ids, text: delta }),
      flush: (chunk) => store.appendStreamingText(assistant.id, chunk),
      onFlushError: (error) => log.error('could not save streamed text', { messageId: assistant.id, error }),
      ...common,
    });
    // Reasoning is flushed like the text: a crash mid-reply keeps both, up to the last flush.
    const reasoning = new ReplyBuffer({
      emitDelta: (delta) => emit('stream.reasoning', { ...ids, text: delta }),
      flush: (chunk) => store.appendStreamingReasoning(assistant.id, chunk),
      onFlushError: (error) => log.error('could not save streamed reasoning', { messageId: assistant.id, error }),
      ...common,
    });
    return { ids, text, reasoning };
  }

  private async stream(assistant: Message, start: ReplyStart, controller: AbortController): Promise<void> {
    const { store, emit, log } = this.options;
    let tooLong = false;
    const { ids, text, reasoning } = this.buffers(assistant, () => {
      tooLong = true;
      controller.abort();
    });
    const run = await this.runner.run({
      call: start.call,
      apiKey: start.apiKey,
      messages: turnsFor(start.call, start.history),
      signal: controller.signal,
      onText: (delta) => text.append(delta),
      onReasoning: (delta) => reasoning.append(delta),
      onRetry: ({ attempt, delayMs, error }) =>
        emit('stream.retry', { ...ids, attempt, delayMs: Math.round(delayMs), error: { code: error.code, message: error.message } }),
      messageId: assistant.id,
      conversationId: assistant.conversationId,
    });
    const outcome = tooLong ? { ...run, status: 'error' as const, error: replyTooLong(this.options.maxReplyChars ?? MAX_REPLY_CHARS) } : run;
    if (outcome.status === 'error') log.warn('reply failed', { messageId: assistant.id, code: outcome.error?.code });
    const content = await text.close();
    const thoughts = await reasoning.close();
    if (this.quitting) return;
    try {
      const message = await store.finishMessage(assistant.id, {
        content,
        status: outcome.status,
        error: outcome.error,
        usage: outcome.usage,
        costUsd: outcome.costUsd,
        ttftMs: outcome.ttftMs === null ? null : Math.round(outcome.ttftMs * 1000) / 1000,
        reasoning: thoughts,
      });
      const shown = start.blind ? { ...message, providerId: null, model: null } : message;
      emit('stream.end', {
        ...ids,
        status: message.status,
        error: message.error,
        usage: message.usage,
        message: shown,
        reasoning: thoughts,
        metrics: {
          ttftMs: outcome.ttftMs,
          durationMs: outcome.durationMs,
          costUsd: outcome.costUsd,
          attempts: outcome.attempts,
          model: start.blind ? null : outcome.model,
        },
      });
      start.onFinished?.(message, outcome);
    } catch (error) {
      log.error('could not store the finished reply', { messageId: assistant.id, error });
    }
  }
}
