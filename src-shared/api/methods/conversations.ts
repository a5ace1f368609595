// Conversations and how they are organised: the sidebar's list (filtered by folder,
// tag or archived), rename, pin, archive, folders, tags, delete and its undo.
import { z } from 'zod';
import { Id, Message } from '../../domain';
import { ConversationDetails, Folder } from '../../entities/library';
import { Empty } from './common';

const Title = z.string().trim().min(1, 'needs at least one character').max(500, 'must be at most 500 characters');
const FolderName = z.string().trim().min(1, 'needs a name').max(200, 'must be at most 200 characters');
const TagName = z.string().trim().min(1, 'needs at least one character').max(60, 'must be at most 60 characters');

export const TagSummary = z.object({
  id: Id,
  name: z.string(),
  color: z.string().nullable(),
  /** Live conversations that carry it, archived ones included. */
  conversations: z.number().int().nonnegative(),
});
export type TagSummary = z.infer<typeof TagSummary>;

export const conversationMethods = {
  /** Pinned first, then newest-updated. Archived ones only with `archived: true`; `folderId: null` lists those in no folder. */
  'conversation.list': {
    input: z
      .object({
        limit: z.number().int().min(1).max(500).default(100),
        folderId: Id.nullable().optional(),
        tag: TagName.optional(),
        archived: z.boolean().default(false),
      })
      .strict(),
    output: z.array(ConversationDetails),
  },
  'conversation.get': {
    input: z.object({ id: Id }).strict(),
    output: z.object({ conversation: ConversationDetails, messages: z.array(Message) }),
  },
  /** Renames, pins, archives, files (`folderId: null`: no folder) or tags (the full list of names) a conversation. */
  'conversation.update': {
    input: z
      .object({
        id: Id,
        title: Title.optional(),
        pinned: z.boolean().optional(),
        archived: z.boolean().optional(),
        folderId: Id.nullable().optional(),
        tags: z.array(TagName).max(50, 'can hold at most 50 tags').optional(),
      })
      .strict()
      .refine((input) => Object.keys(input).length > 1, 'needs something to change: title, pinned, archived, folderId or tags'),
    output: ConversationDetails,
  },
  /** Tombstones the conversation and its messages; `conversation.restore` brings both back. */
  'conversation.delete': {
    input: z.object({ id: Id }).strict(),
    output: z.object({ deleted: z.boolean() }),
  },
  /** Undoes a delete: the conversation comes back with the messages its deletion took, where it was in the list. */
  'conversation.restore': {
    input: z.object({ id: Id }).strict(),
    output: ConversationDetails,
  },
  /** In the user's order, then by name. */
  'folder.list': { input: Empty, output: z.array(Folder) },
  'folder.create': { input: z.object({ name: FolderName }).strict(), output: Folder },
  'folder.rename': { input: z.object({ id: Id, name: FolderName }).strict(), output: Folder },
  /** Its conversations stay, in no folder. */
  'folder.delete': { input: z.object({ id: Id }).strict(), output: z.object({ deleted: z.boolean() }) },
  /** Tags in use, by name. */
  'tag.list': { input: Empty, output: z.array(TagSummary) },
} as const;
