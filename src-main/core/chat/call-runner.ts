// Makes one provider call with the retry policy and records it in the usage
// ledger: tokens, cost from the catalog, time to first token, duration, outcome.
// Never throws for a provider failure: the outcome says what happened.
import { AppError } from '../../../src-shared/api/errors';
import { costOf, kindInfo } from '../../../src-shared/catalog';
import type { Usage, UserError } from '../../../src-shared/domain';
import { uuidv7 } from '../../../src-shared/ids';
import type { CallOutcome as LedgerOutcome } from '../../../src-shared/entities/usage';
import type { Logger } from '../log/logger';
import { streamWithRetries, type ChatTurn, type RetryNotice, type RetryPolicy } from '../providers';
import type { UsageStore } from '../store';
import type { ResolvedCall } from './call-config';

export interface CallRequest {
  call: ResolvedCall;
  apiKey: string | null;
  /** The conversation so far, without the system prompt (the call adds it). */
  messages: ChatTurn[];
  signal: AbortSignal;
  onText(delta: string): void;
  onReasoning?(delta: string): void;
  onRetry?(notice: RetryNotice): void;
  messageId: string | null;
  conversationId: string | null;
}

export interface CallOutcome {
  status: 'done' | 'error' | 'interrupted';
  text: string;
  reasoning: string;
  usage: Usage;
  error: UserError | null;
  /** The model that answered, as the provider named it. */
  model: string;
  costUsd: number | null;
  ttftMs: number | null;
  durationMs: number;
  attempts: number;
}

export interface CallRunnerOptions {
  store: Pick<UsageStore, 'appendUsage'>;
  log: Logger;
  retryPolicy?: Partial<RetryPolicy>;
  connectTimeoutMs?: number;
  idleTimeoutMs?: number;
}

const NO_USAGE: Usage = { inputTokens: null, outputTokens: null };

export class CallRunner {
  constructor(private readonly options: CallRunnerOptions) {}

  async run(request: CallRequest): Promise<CallOutcome> {
    const { call } = request;
    const createdAt = Date.now();
    const started = performance.now();
    let ttftMs: number | null = null;
    let text = '';
    let reasoning = '';
    let attempts = 1;
    const firstToken = () => (ttftMs ??= performance.now() - started);
    const messages = call.systemPrompt ? [{ role: 'system' as const, content: call.systemPrompt }, ...request.messages] : request.messages;
    let outcome: CallOutcome;
    try {
      const result = await streamWithRetries(
        {
          kind: call.provider.kind,
          baseUrl: call.provider.baseUrl,
          apiKey: request.apiKey,
          settings: call.settings,
          model: call.model,
          messages,
          params: call.params,
          reasoning: call.info?.capabilities.reasoning ?? false,
          signal: request.signal,
          onText: (delta) => {
            firstToken();
            text += delta;
            request.onText(delta);
          },
          onReasoning: (delta) => {
            firstToken();
            reasoning += delta;
            request.onReasoning?.(delta);
          },
          ...(this.options.connectTimeoutMs !== undefined && { connectTimeoutMs: this.options.connectTimeoutMs }),
          ...(this.options.idleTimeoutMs !== undefined && { idleTimeoutMs: this.options.idleTimeoutMs }),
        },
        {
          ...(this.options.retryPolicy && { policy: this.options.retryPolicy }),
          onRetry: (notice) => {
            attempts = notice.attempt + 1;
            request.onRetry?.(notice);
          },
        },
      );
      outcome = {
        status: 'done',
        text: result.text,
        reasoning: result.reasoning,
        usage: result.usage,
        error: null,
        model: result.model,
        costUsd: costOf(result.usage, call.info?.price ?? null),
        ttftMs,
        durationMs: performance.now() - started,
        attempts: result.attempts,
      };
    } catch (error) {
      const stopped = request.signal.aborted;
      let userError: UserError | null = null;
      if (!stopped) {
        if (error instanceof AppError) userError = error.toJSON();
        else {
          this.options.log.error('unexpected failure while streaming', { error });
          userError = new AppError('internal', 'The reply failed because of an error inside the app. Try again.').toJSON();
        }
      }
      outcome = {
        status: stopped ? 'interrupted' : 'error',
        text,
        reasoning,
        usage: NO_USAGE,
        error: userError,
        model: call.model,
        costUsd: kindInfo(call.provider.kind).local ? 0 : null,
        ttftMs,
        durationMs: performance.now() - started,
        attempts,
      };
    }
    await this.record(request, outcome, createdAt);
    return outcome;
  }

  private async record(request: CallRequest, outcome: CallOutcome, createdAt: number): Promise<void> {
    const ledgerOutcome: LedgerOutcome = outcome.status === 'interrupted' ? 'cancelled' : outcome.status;
    try {
      await this.options.store.appendUsage({
        id: uuidv7(),
        providerId: request.call.provider.id,
        model: request.call.model,
        inputTokens: outcome.usage.inputTokens,
        outputTokens: outcome.usage.outputTokens,
        costUsd: outcome.costUsd,
        ttftMs: outcome.ttftMs === null ? null : Math.round(outcome.ttftMs * 1000) / 1000,
        durationMs: Math.round(outcome.durationMs * 1000) / 1000,
        outcome: ledgerOutcome,
        errorCode: outcome.error?.code ?? null,
        messageId: request.messageId,
        conversationId: request.conversationId,
        createdAt,
      });
    } catch (error) {
      // The reply matters more than its bookkeeping: log and go on.
      this.options.log.error('could not record usage', { messageId: request.messageId, error });
    }
  }
}
