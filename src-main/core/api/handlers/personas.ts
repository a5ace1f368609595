import { AppError } from '../../../../src-shared/api/errors';
import { uuidv7 } from '../../../../src-shared/ids';
import type { ConversationStore, PersonaStore } from '../../store';
import type { HandlersOf, StoreDeps } from './deps';

export function personaHandlers({ store }: StoreDeps<PersonaStore & ConversationStore>): HandlersOf<'persona'> {
  return {
    'persona.list': async () => store.listPersonas(),
    'persona.save': async ({ id, ...fields }) => {
      const existing = id ? (await store.listPersonas()).find((p) => p.id === id) : undefined;
      if (id && !existing) throw new AppError('persona.missing', 'That persona no longer exists.');
      const now = Date.now();
      return store.savePersona({ id: existing?.id ?? uuidv7(), ...fields, createdAt: existing?.createdAt ?? now, updatedAt: now });
    },
    'persona.delete': async ({ id }) => ({ deleted: await store.deletePersona(id) }),
    'persona.apply': async ({ conversationId, personaId }) => {
      if (personaId && !(await store.listPersonas()).some((p) => p.id === personaId)) {
        throw new AppError('persona.missing', 'That persona no longer exists. Choose another one.');
      }
      const updated = await store.updateConversation(conversationId, { personaId });
      return { conversationId: updated.id, personaId: updated.personaId };
    },
  };
}
