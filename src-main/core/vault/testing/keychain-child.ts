// A separate process for the keychain tests that need another environment than
// the test's own (no D-Bus, a locked keyring). argv[2] is a JSON list of vault
// calls; prints one line: RESULTS <json>, each call's outcome in order. The call
// "openVault" takes [passphrase file, previous backend] and returns { backend, reason }.
import { AppError } from '../../../../src-shared/api/errors';
import { createKeychainVault } from '../keychain-vault';
import { openVault, type VaultBackend } from '../open-vault';
import { RESULTS_PREFIX, type ChildCall, type ChildOutcome } from './keyring';

async function main(): Promise<void> {
  const calls = JSON.parse(process.argv[2] ?? '[]') as ChildCall[];
  const vault = createKeychainVault();
  const outcomes: ChildOutcome[] = [];
  for (const { op, args = [] } of calls) {
    try {
      if (op === 'openVault') {
        const [file, previousBackend] = args;
        const opened = await openVault({
          passphraseFile: file ? { file } : undefined,
          previousBackend: previousBackend as VaultBackend | undefined,
        });
        outcomes.push({ ok: true, value: { backend: opened.backend, reason: opened.reason } });
        continue;
      }
      const method = vault[op] as (...input: string[]) => Promise<unknown>;
      outcomes.push({ ok: true, value: (await method(...args)) ?? null });
    } catch (error) {
      outcomes.push(
        error instanceof AppError
          ? { ok: false, code: error.code, message: error.message }
          : { ok: false, code: 'not-an-app-error', message: String(error) },
      );
    }
  }
  process.stdout.write(`${RESULTS_PREFIX}${JSON.stringify(outcomes)}\n`);
}

await main();
