// Team sync: the server address, signing this device in and out, spaces, status.
import { AppError } from '../../../../src-shared/api/errors';
import type { HandlersOf, ServiceDeps } from './deps';

export function syncHandlers({ sync }: ServiceDeps): HandlersOf<'sync'> {
  const service = () => {
    if (!sync) throw new AppError('sync.not_configured', 'Team sync is not available in this run.');
    return sync;
  };
  return {
    'sync.status': () => service().status(),
    'sync.configure': ({ serverUrl }) => service().configure(serverUrl),
    'sync.signIn': ({ language }) => service().signIn(language),
    'sync.cancelSignIn': () => service().cancelSignIn(),
    'sync.signOut': ({ removeSharedCopies }) => service().signOut(removeSharedCopies),
    'sync.spaces': () => service().spaces(),
    'sync.setSpaces': ({ spaces }) => service().setSpaces(spaces),
    'sync.now': () => service().syncNow(),
    'sync.moveConversation': ({ conversationId, spaceId }) => service().moveConversation(conversationId, spaceId),
  };
}
