// The vault status line's "why": the core sends a reason code (and the system's
// own words, when the keychain could not be reached); this words it.
import type { VaultReason } from '../../src-shared/api/methods/vault';
import { t } from '../i18n';
import { backendName } from './names';

export function describeVaultReason(reason: VaultReason): string {
  const sentences: string[] = [];
  if (reason.unusable) sentences.push(t('vault.unusable', { backend: backendName(reason.unusable) }));
  sentences.push(t(`vault.reasons.${reason.code}`));
  if (reason.said) sentences.push(t('vault.systemSaid', { said: reason.said }));
  return sentences.join(' ');
}
