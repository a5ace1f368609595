// Shows a just-sent turn at once, before the conversation reloads: the user's
// message and the reply that is starting (or already over, if it ended first).
import type { MethodOutput } from '../../src-shared/api/contract';
import type { Message } from '../../src-shared/domain';

export interface SentTurn extends MethodOutput<'chat.send'> {
  /** The end of the branch on screen, which the core added the message under. */
  parentId: string | null;
  text: string;
  providerId: string;
  model: string;
}

const NO_USAGE = { inputTokens: null, outputTokens: null };

export function withSentMessages(messages: Message[], turn: SentTurn, finals: ReadonlyMap<string, Message>): Message[] {
  const now = Date.now();
  const added: Message[] = [];
  if (!messages.some((m) => m.id === turn.userMessageId)) {
    added.push({
      id: turn.userMessageId,
      conversationId: turn.conversationId,
      parentId: turn.parentId,
      role: 'user',
      content: turn.text,
      status: 'done',
      providerId: null,
      model: null,
      error: null,
      usage: NO_USAGE,
      createdAt: now,
      updatedAt: now,
    });
  }
  if (!messages.some((m) => m.id === turn.assistantMessageId)) {
    added.push(
      finals.get(turn.assistantMessageId) ?? {
        id: turn.assistantMessageId,
        conversationId: turn.conversationId,
        parentId: turn.userMessageId,
        role: 'assistant',
        content: '',
        status: 'streaming',
        providerId: turn.providerId,
        model: turn.model,
        error: null,
        usage: NO_USAGE,
        createdAt: now,
        updatedAt: now,
      },
    );
  }
  return added.length ? [...messages, ...added] : messages;
}
