// What keytar throws on each platform, as text; the Linux messages are the ones
// the keychain tests provoke for real (see keychain-vault.keychain.test.ts).
import { describe, expect, it } from 'vitest';
import { keychainError } from './keychain-errors';

describe('keychain error messages', () => {
  it.each([
    'Cannot autolaunch D-Bus without X11 $DISPLAY',
    'Could not connect: No such file or directory',
    'GDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown: The name org.freedesktop.secrets was not provided by any .service files',
    'Failed to execute child process “dbus-launch” (No such file or directory)',
    'A default keychain could not be found.',
    'A specified logon session does not exist. It may already have been terminated.',
  ])('calls "%s" an unreachable keychain', (raw) => {
    const error = keychainError(new Error(raw));
    expect(error.code).toBe('vault.unavailable');
    expect(error.message).toMatch(/cannot reach the system keychain/);
    expect(error.message).toContain(raw);
  });

  it.each([
    'Object does not exist at path “/org/freedesktop/secrets/collection/login”',
    'Cannot create an item in a locked collection',
    'Prompt dismissed',
    'User canceled the operation.',
    'User interaction is not allowed.',
  ])('calls "%s" a locked keychain', (raw) => {
    const error = keychainError(new Error(raw));
    expect(error.code).toBe('vault.locked');
    expect(error.message).toMatch(/locked.*Unlock it.*not lost/s);
  });

  it('calls anything else a keychain failure, in words', () => {
    const error = keychainError(new Error('The stub received bad data.'));
    expect(error.code).toBe('vault.keychain_failed');
    expect(error.message).toMatch(/refused the request\. Try again/);
  });

  it('scrubs the key out of whatever the system said', () => {
    const key = 'sk-secret-0123456789';
    const error = keychainError(new Error(`Cannot create an item in a locked collection (${key})`), [key]);
    expect(error.message).not.toContain(key);
    expect(error.message).toContain('[redacted]');
  });
});
