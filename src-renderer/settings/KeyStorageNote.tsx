// Where API keys will be kept on this machine, in words: the system keychain,
// encrypted app storage, or a key file under a passphrase (which the user is
// asked to choose when the first key is saved). Said on the first screen and
// under the provider form's key field, so neither promises a keychain that
// this machine does not have.
import type { VaultStatus } from '../../src-shared/api/methods/vault';
import { useTranslation } from '../i18n';
import { useVault } from '../state/context';

type Place = 'keychain' | 'safe-storage' | 'createFile' | 'file' | 'unknown';

export function keyPlace(status: VaultStatus | null): Place {
  if (!status) return 'unknown';
  if (status.backend === 'passphrase-file') return status.passphraseFile?.exists ? 'file' : 'createFile';
  return status.backend;
}

export function KeyStorageNote({ context }: { context: 'welcome' | 'form' }) {
  const { t } = useTranslation();
  const place = useVault((s) => keyPlace(s.status));
  return (
    <span data-key-place={place}>
      {t(`keyPlace.${place}`)}
      {context === 'form' && ` ${t('keyPlace.formHint')}`}
    </span>
  );
}
