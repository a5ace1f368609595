// How conversations are organised: folders, tags, pin/archive, persona, the model
// settings a conversation remembers, and which branch of its message tree is shown.
import { z } from 'zod';
import { Conversation, Id } from '../domain';

/** Generation settings a conversation or persona remembers; every field optional. */
export const ModelSettings = z
  .object({
    providerId: Id.nullable(),
    model: z.string().min(1).max(200).nullable(),
    temperature: z.number().min(0).max(2),
    topP: z.number().min(0).max(1),
    maxOutputTokens: z.number().int().min(1).max(1_000_000),
    systemPrompt: z.string().max(100_000),
  })
  .partial();
export type ModelSettings = z.infer<typeof ModelSettings>;

export const Folder = z.object({
  id: Id,
  name: z.string().trim().min(1).max(200),
  parentId: Id.nullable(),
  position: z.number(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type Folder = z.infer<typeof Folder>;

export const TagName = z.string().trim().min(1).max(60);

/** A conversation with everything the sidebar and header show. */
export const ConversationDetails = Conversation.extend({
  folderId: Id.nullable(),
  tags: z.array(z.string()),
  pinned: z.boolean(),
  archived: z.boolean(),
  personaId: Id.nullable(),
  settings: ModelSettings,
  /** The leaf of the branch the user last looked at; null shows the newest branch. */
  shownLeafId: Id.nullable(),
  /** The space it belongs to (this device's personal space until it is moved into a shared one; docs/SYNC.md). */
  spaceId: Id.optional(),
});
export type ConversationDetails = z.infer<typeof ConversationDetails>;

/** The fields `updateConversation` may change; omitted ones stay as they are. */
export const ConversationPatch = z
  .object({
    title: z.string().max(500),
    folderId: Id.nullable(),
    pinned: z.boolean(),
    archived: z.boolean(),
    /** Replaces the conversation's tags (names; new names make new tags). */
    tags: z.array(TagName).max(50),
    personaId: Id.nullable(),
    settings: ModelSettings,
  })
  .partial()
  .strict();
export type ConversationPatch = z.infer<typeof ConversationPatch>;

/** Filters for the sidebar list; pinned conversations come first, then newest-updated. */
export const ConversationQuery = z
  .object({
    folderId: Id.nullable().optional(),
    tag: TagName.optional(),
    archived: z.boolean().default(false),
    limit: z.number().int().min(1).max(1000).default(100),
  })
  .strict();
export type ConversationQuery = z.input<typeof ConversationQuery>;
