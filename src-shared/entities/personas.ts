// Personas: a named system prompt with default model settings.
import { z } from 'zod';
import { Id } from '../domain';
import { ModelSettings } from './library';

export const Persona = z.object({
  id: Id,
  name: z.string().trim().min(1).max(100),
  description: z.string().max(2000),
  systemPrompt: z.string().max(100_000),
  /** An emoji or short label shown beside the name. */
  icon: z.string().max(16).nullable(),
  settings: ModelSettings,
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type Persona = z.infer<typeof Persona>;
