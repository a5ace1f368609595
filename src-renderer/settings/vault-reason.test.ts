// The vault status line says why its backend is the one in use in the user's
// language, from the code the core sends, quoting the system's own words.
import { afterEach, describe, expect, it } from 'vitest';
import type { VaultReasonCode } from '../../src-shared/api/methods/vault';
import { setLanguage } from '../i18n';
import { describeVaultReason } from './vault-reason';

afterEach(() => setLanguage('en'));

// A record, so a reason code added to the contract without a line here fails the type check.
const EVERY_REASON: Record<VaultReasonCode, true> = {
  'saved-last-time': true,
  'keys-kept-there': true,
  chosen: true,
  'keychain-answered': true,
  'keychain-locked': true,
  'keychain-unreachable': true,
  'no-keychain': true,
  'safe-storage-no-keyring': true,
  'none-answers': true,
};

describe('the vault status line’s reason', () => {
  it('words every reason the core may send in English and German, never as its code', () => {
    for (const language of ['en', 'de']) {
      setLanguage(language);
      for (const code of Object.keys(EVERY_REASON) as VaultReasonCode[]) {
        const text = describeVaultReason({ code, unusable: null, said: null });
        expect(text, `${language} ${code}`).not.toContain(code);
        expect(text, `${language} ${code}`).toMatch(/\.$/);
      }
    }
  });

  it('says in German that the recorded backend cannot be used and what the keychain said', () => {
    setLanguage('de');
    expect(describeVaultReason({ code: 'keychain-unreachable', unusable: 'safe-storage', said: 'Cannot autolaunch D-Bus without X11 $DISPLAY' })).toBe(
      'Deine Schlüssel lagen zuletzt in „Verschlüsselter App-Speicher (safeStorage)“, das in dieser Sitzung nicht nutzbar ist. ' +
        'Der Schlüsselbund des Systems ist nicht erreichbar. Das System meldete: „Cannot autolaunch D-Bus without X11 $DISPLAY“',
    );
    setLanguage('en');
    expect(describeVaultReason({ code: 'saved-last-time', unusable: null, said: null })).toBe('Your keys were saved there last time.');
  });
});
