// The envelope both transports use. Requests carry an id so replies can be matched.
import { z } from 'zod';
import { UserError } from '../domain';

export const WireRequest = z.object({
  type: z.literal('call'),
  id: z.number().int().nonnegative(),
  method: z.string(),
  input: z.unknown(),
});
export type WireRequest = z.infer<typeof WireRequest>;

export type WireReply =
  | { type: 'result'; id: number; ok: true; result: unknown }
  | { type: 'result'; id: number; ok: false; error: UserError };

export interface WireEvent {
  type: 'event';
  event: string;
  payload: unknown;
}

export type WireServerMessage = WireReply | WireEvent;
