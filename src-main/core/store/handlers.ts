// One handler per store method, run by the worker. Each write is one transaction,
// so a row and its outbox change are committed together or not at all.
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { Id } from '../../../src-shared/domain';
import type { StoreHandlers } from './protocol';
import { ConversationRepository } from './repositories/conversations';
import { MessageRepository } from './repositories/messages';
import { type Identity, MetaRepository } from './repositories/meta';
import { OutboxRepository } from './repositories/outbox';
import { ProviderRepository } from './repositories/providers';
import { Limit, MessageOutcomeInput, NewConversationInput, NewMessageInput, ProviderInput, parseInput } from './validation';

export interface StartedStore {
  identity: Identity;
  handlers: StoreHandlers;
}

/** Wires the repositories to the store methods, after recovering replies cut off mid-stream. */
export function startStore(db: Database.Database, seedNodeId?: string): StartedStore {
  const meta = new MetaRepository(db);
  const identity = meta.ensureIdentity(seedNodeId);
  const outbox = new OutboxRepository(db, meta, identity.nodeId);
  const conversations = new ConversationRepository(db, outbox);
  const messages = new MessageRepository(db, outbox, conversations);
  const providers = new ProviderRepository(db, outbox);

  db.transaction(() => messages.interruptStreaming())();
  const write = <A extends unknown[], R>(fn: (...args: A) => R) => {
    const transaction = db.transaction(fn);
    return (...args: A): R => transaction.immediate(...args);
  };
  const id = (value: unknown, what: string) => parseInput(Id, value, what);

  const handlers: StoreHandlers = {
    createConversation: write((input) => {
      const { id: conversationId, title } = parseInput(NewConversationInput, input, 'new conversation');
      return conversations.create({ id: conversationId, title, spaceId: identity.personalSpaceId });
    }),
    listConversations: (limit) => conversations.listRecent(parseInput(Limit, limit, 'list limit')),
    getConversation: (conversationId) => {
      const conversation = conversations.find(id(conversationId, 'conversation id'));
      return conversation ? { conversation, messages: messages.listByConversation(conversation.id) } : null;
    },
    deleteConversation: write((conversationId) => {
      const checked = id(conversationId, 'conversation id');
      if (!conversations.tombstone(checked)) return false;
      messages.tombstoneConversation(checked);
      return true;
    }),
    insertMessage: write((message) => messages.insertMessage(parseInput(NewMessageInput, message, 'new message'))),
    flushStreamingText: write((messageId, content) =>
      messages.flushStreamingText(id(messageId, 'message id'), parseInput(z.string(), content, 'streamed text')),
    ),
    finishMessage: write((messageId, outcome) =>
      messages.finishMessage(id(messageId, 'message id'), parseInput(MessageOutcomeInput, outcome, 'message outcome')),
    ),
    listProviders: () => providers.list(),
    getProvider: (providerId) => providers.find(id(providerId, 'provider id')),
    saveProvider: write((provider) =>
      providers.save(parseInput(ProviderInput, provider, 'provider configuration'), identity.personalSpaceId),
    ),
    deleteProvider: write((providerId) => providers.delete(id(providerId, 'provider id'))),
    listOutbox: (limit) => outbox.listOldest(parseInput(Limit, limit, 'list limit')),
  };
  return { identity, handlers };
}
