// Turns what keytar (libsecret, macOS Security, Windows Credential Manager) throws
// into an AppError the user can act on. The system's own words are quoted for
// support, with any key scrubbed out, though the OS never echoes one.
import { AppError } from '../../../src-shared/api/errors';

/** The Secret Service, macOS keychain or Credential Manager cannot be reached at all. */
const UNAVAILABLE = [
  /autolaunch D-Bus/i, // no session bus and no $DISPLAY to start one
  /Could not connect/i, // DBUS_SESSION_BUS_ADDRESS points at nothing
  /dbus-launch/i,
  /org\.freedesktop\.secrets was not provided/i, // a bus, but no Secret Service
  /ServiceUnknown|NoReply|Did not receive a reply|Timeout was reached/i,
  /Connection refused|Connection closed/i,
  /default keychain could not be found|No default keychain|specified keychain could not be found/i,
  /logon session does not exist/i,
];

/** It answers but is locked, has no default collection, or the user said no. */
const LOCKED = [
  /Object does not exist at path .*\/collection\//i, // no "login" collection, i.e. never unlocked
  /locked collection/i,
  /\block(ed)?\b/i,
  /dismissed|cancel(l)?ed|User canceled/i,
  /User interaction is not allowed/i, // macOS: keychain locked and no UI to ask
  /passphrase you entered is not correct/i,
];

export function keychainUnavailable(detail: string): AppError {
  return new AppError(
    'vault.unavailable',
    'RealMultiLLM cannot reach the system keychain, so it cannot read or save API keys. ' +
      'On Linux, log in to a desktop session or start a keyring service (GNOME Keyring or KWallet); ' +
      'where there is no keychain (a server, a container), use the passphrase-protected key file instead. ' +
      `The system said: "${detail}"`,
    { said: detail },
  );
}

export function keychainLocked(detail: string): AppError {
  return new AppError(
    'vault.locked',
    'Your system keychain is locked (or has no default "login" keyring), so RealMultiLLM cannot read or save API keys. ' +
      'Unlock it in your keyring app (Passwords and Keys, KWallet, or Keychain Access on macOS) and try again; ' +
      `your saved keys are not lost. The system said: "${detail}"`,
    { said: detail },
  );
}

function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.split(secret).join('[redacted]');
  return out;
}

/** Maps a keytar failure to an AppError; `secrets` are scrubbed from the quoted system message. */
export function keychainError(error: unknown, secrets: readonly string[] = []): AppError {
  if (error instanceof AppError) return error;
  const raw = error instanceof Error ? error.message : String(error);
  const detail = scrub(raw, secrets).slice(0, 300);
  if (LOCKED.some((pattern) => pattern.test(raw))) return keychainLocked(detail);
  if (UNAVAILABLE.some((pattern) => pattern.test(raw))) return keychainUnavailable(detail);
  return new AppError(
    'vault.keychain_failed',
    'The system keychain refused the request. Try again; if it keeps failing, restart your keyring service or the app. ' +
      `The system said: "${detail}"`,
    { said: detail },
  );
}
