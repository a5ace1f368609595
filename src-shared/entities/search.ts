// Full-text search over message text: what the search box sends and what it gets.
import { z } from 'zod';
import { Id, MessageRole } from '../domain';

// Re-exported: the renderer imports them from highlight.ts, which has no zod.
export { HIGHLIGHT_END, HIGHLIGHT_START } from './highlight';

export const SearchQuery = z
  .object({
    /** What the user typed. Words match as prefixes ("pyt" finds "python"); "quoted phrases" match exactly. */
    text: z.string().max(500),
    conversationId: Id.optional(),
    model: z.string().max(200).optional(),
    role: MessageRole.optional(),
    /** Unix ms, inclusive. */
    from: z.number().int().optional(),
    /** Unix ms, exclusive. */
    to: z.number().int().optional(),
    order: z.enum(['newest', 'relevance']).default('newest'),
    limit: z.number().int().min(1).max(200).default(50),
    /** Skip this many hits: the next page. */
    offset: z.number().int().min(0).max(10_000).default(0),
  })
  .strict();
export type SearchQuery = z.input<typeof SearchQuery>;

export const SearchHit = z.object({
  /** Where to jump: the conversation and the message in it. */
  conversationId: Id,
  messageId: Id,
  conversationTitle: z.string(),
  role: MessageRole,
  model: z.string().nullable(),
  createdAt: z.number().int(),
  /** A few words around the match; matches are wrapped in HIGHLIGHT_START/HIGHLIGHT_END. */
  snippet: z.string(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchResult = z.object({
  hits: z.array(SearchHit),
  /** True when asking for the next page may find more. */
  more: z.boolean(),
});
export type SearchResult = z.infer<typeof SearchResult>;
