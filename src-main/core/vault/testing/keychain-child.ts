// A separate process for the keychain tests that need another environment than
// the test's own (no D-Bus, a locked keyring). argv[2] is a JSON list of vault
// calls; prints one line: RESULTS <json>, each call's outcome in order. The call
// "openVault" takes [passphrase file, backend recorded last run], opens the managed
// vault over an in-memory store, and returns { backend, state, reason, problem }.
import { AppError } from '../../../../src-shared/api/errors';
import { createKeychainVault } from '../keychain-vault';
import type { KeyBackend } from '../../../../src-shared/domain';
import { openKeyVault } from '../open-vault';
import { saveBackendSetting } from '../vault-settings';
import { RESULTS_PREFIX, type ChildCall, type ChildOutcome } from './keyring';
import { createMemoryVaultStore } from './memory-vault-store';

async function main(): Promise<void> {
  const calls = JSON.parse(process.argv[2] ?? '[]') as ChildCall[];
  const vault = createKeychainVault();
  const outcomes: ChildOutcome[] = [];
  for (const { op, args = [] } of calls) {
    try {
      if (op === 'openVault') {
        const [file, previousBackend] = args;
        const store = createMemoryVaultStore();
        if (previousBackend) await saveBackendSetting(store, previousBackend as KeyBackend);
        const opened = await openKeyVault({ store, passphraseFile: file ? { file } : null });
        const status = await opened.vault.vaultStatus();
        outcomes.push({ ok: true, value: { backend: status.backend, state: status.state, reason: status.reason, problem: status.problem } });
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
