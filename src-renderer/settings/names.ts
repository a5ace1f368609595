import type { KeyBackend } from '../../src-shared/domain';
import { t } from '../i18n';

/** A key backend in words ("System keychain"). */
export function backendName(backend: KeyBackend | null | undefined): string {
  return backend ? t(`keys.backends.${backend}`) : t('keys.backends.unknown');
}
