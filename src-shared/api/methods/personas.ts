import { z } from 'zod';
import { Id } from '../../domain';
import { ModelSettings } from '../../entities/library';
import { Persona } from '../../entities/personas';
import { Empty } from './common';

export const personaMethods = {
  'persona.list': { input: Empty, output: z.array(Persona) },
  /** Creates or updates. `settings` holds the default provider, model, temperature, topP and maxOutputTokens. */
  'persona.save': {
    input: z
      .object({
        id: Id.optional(),
        name: z.string().trim().min(1, 'needs a name').max(100),
        description: z.string().max(2000).default(''),
        systemPrompt: z.string().max(100_000).default(''),
        icon: z.string().max(16).nullable().default(null),
        settings: ModelSettings.default({}),
      })
      .strict(),
    output: Persona,
  },
  'persona.delete': { input: z.object({ id: Id }).strict(), output: z.object({ deleted: z.boolean() }) },
  /** Picks the persona a conversation uses from now on (null: none). A compare column picks its own. */
  'persona.apply': {
    input: z.object({ conversationId: Id, personaId: Id.nullable() }).strict(),
    output: z.object({ conversationId: Id, personaId: Id.nullable() }),
  },
} as const;
