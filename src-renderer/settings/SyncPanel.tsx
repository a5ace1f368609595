// Settings → Team sync: the team server's address (checked here, then by the
// core, which says why it refused one), signing this device in (the server's page
// opens in the system browser or a new tab; this tab waits, with Cancel), the
// account and device, the spaces to sync, the status in words with the last sync
// time and a progress bar on a first sync, Sync now, and Sign out (asking whether
// to remove this device's copy of the shared spaces). What happened is said
// inside the dialog.
import { useEffect, useState, type FormEvent } from 'react';
import type { SyncSpace, SyncStatus } from '../../src-shared/api/methods/sync';
import { userMessage } from '../api/errors';
import { useTranslation } from '../i18n';
import { describeError } from '../i18n/errors';
import { useSettings, useStores, useSync } from '../state/context';
import { plausibleServerUrl, syncStateText } from '../state/sync-store';

type Outcome = { tone: 'success' | 'error'; text: string } | null;

export function SyncPanel() {
  const { t } = useTranslation();
  const { sync } = useStores();
  const status = useSync((s) => s.status);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  useEffect(() => {
    void sync.refresh();
  }, [sync]);

  const act = async (work: () => Promise<unknown>, done?: string): Promise<boolean> => {
    if (busy) return false;
    setBusy(true);
    setOutcome(null);
    try {
      await work();
      if (done) setOutcome({ tone: 'success', text: done });
      return true;
    } catch (error) {
      setOutcome({ tone: 'error', text: userMessage(error) });
      return false;
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="settings-panel sync-panel" aria-busy={busy || status === null}>
      <p className="hint">{t('sync.intro')}</p>
      {outcome && (
        <p className={`form-status ${outcome.tone}`} role={outcome.tone === 'error' ? 'alert' : 'status'}>
          {outcome.text}
        </p>
      )}
      {status && !status.account && <ServerForm status={status} busy={busy} act={act} />}
      {status?.serverUrl && !status.account && <SignIn status={status} busy={busy} act={act} />}
      {status?.account && <Account status={status} busy={busy} act={act} />}
    </div>
  );
}

type Act = (work: () => Promise<unknown>, done?: string) => Promise<boolean>;

function ServerForm({ status, busy, act }: { status: SyncStatus; busy: boolean; act: Act }) {
  const { t } = useTranslation();
  const { sync } = useStores();
  const [address, setAddress] = useState(status.serverUrl ?? '');
  const [problem, setProblem] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const typed = address.trim();
    if (!plausibleServerUrl(typed)) {
      setProblem(t('sync.badServerUrl', { url: typed }));
      return;
    }
    setProblem(null);
    void act(() => sync.configure(typed));
  };

  return (
    <form className="sync-server" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor="sync-server-url">{t('sync.serverUrl')}</label>
        <input
          id="sync-server-url"
          type="url"
          inputMode="url"
          autoComplete="url"
          spellCheck={false}
          value={address}
          aria-invalid={problem !== null}
          aria-describedby={problem ? 'sync-server-problem' : 'sync-server-hint'}
          onChange={(event) => setAddress(event.target.value)}
        />
        {problem ? (
          <p id="sync-server-problem" className="form-status error" role="alert">
            {problem}
          </p>
        ) : (
          <p id="sync-server-hint" className="hint">
            {t('sync.serverHint')}
          </p>
        )}
      </div>
      <div className="row-actions">
        <button type="submit" className={status.serverUrl ? undefined : 'primary'} disabled={busy}>
          {busy ? t('sync.connecting') : t('sync.connect')}
        </button>
        {status.serverUrl && (
          <button type="button" disabled={busy} onClick={() => void act(() => sync.configure(null))}>
            {t('sync.forget')}
          </button>
        )}
      </div>
    </form>
  );
}

function SignIn({ status, busy, act }: { status: SyncStatus; busy: boolean; act: Act }) {
  const { t } = useTranslation();
  const { sync } = useStores();
  const language = useSettings((s) => s.language);

  const signIn = () =>
    act(async () => {
      const { url, opened } = await sync.signIn(language === 'de' ? 'de' : 'en');
      // Browser mode: the core cannot open a browser, this page opens the server's page beside it.
      if (!opened) window.open(url, '_blank', 'noopener');
    });

  return (
    <section aria-labelledby="sync-sign-in-title">
      <h3 id="sync-sign-in-title">{t('sync.signIn')}</h3>
      <StatusLine status={status} />
      {status.signingIn ? (
        <div className="sync-waiting">
          <p role="status">{t('sync.waiting')}</p>
          <div className="row-actions">
            <a href={status.signingIn.url} target="_blank" rel="noopener noreferrer">
              {t('sync.openAgain')}
            </a>
            <button type="button" disabled={busy} onClick={() => void act(() => sync.cancelSignIn())}>
              {t('sync.cancelSignIn')}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="primary" disabled={busy} onClick={() => void signIn()}>
          {t('sync.signIn')}
        </button>
      )}
    </section>
  );
}

function Account({ status, busy, act }: { status: SyncStatus; busy: boolean; act: Act }) {
  const { t } = useTranslation();
  const { sync, conversations } = useStores();
  const [signingOut, setSigningOut] = useState(false);
  const [removeShared, setRemoveShared] = useState(false);
  const account = status.account!;

  return (
    <>
      <section aria-labelledby="sync-account-title" className="sync-account">
        <h3 id="sync-account-title">{status.serverUrl}</h3>
        <p>{t('sync.account', { name: account.name, email: account.email })}</p>
        {status.device && <p>{t('sync.device', { name: status.device.name })}</p>}
      </section>
      <section aria-labelledby="sync-status-title">
        <h3 id="sync-status-title">{t('sync.status')}</h3>
        <StatusLine status={status} />
        <FirstSyncProgress status={status} />
        <div className="row-actions">
          <button type="button" disabled={busy} onClick={() => void act(() => sync.syncNow())}>
            {t('sync.syncNow')}
          </button>
          <button type="button" disabled={busy} aria-expanded={signingOut} onClick={() => setSigningOut(!signingOut)}>
            {t('sync.signOut')}
          </button>
        </div>
        {signingOut && (
          <fieldset className="sync-sign-out">
            <legend>{t('sync.signOutTitle')}</legend>
            <p className="hint">{t('sync.signOutHint')}</p>
            <label className="choice">
              <input type="checkbox" checked={removeShared} onChange={(event) => setRemoveShared(event.target.checked)} />
              {t('sync.removeShared')}
            </label>
            <div className="row-actions">
              <button
                type="button"
                className="danger"
                disabled={busy}
                onClick={() =>
                  // Removing the shared copies takes conversations away: the list is asked again.
                  void act(async () => {
                    await sync.signOut(removeShared);
                    if (removeShared) await conversations.refresh();
                  }, t('sync.signedOut'))
                }
              >
                {t('sync.confirmSignOut')}
              </button>
              <button type="button" onClick={() => setSigningOut(false)}>
                {t('sync.cancel')}
              </button>
            </div>
          </fieldset>
        )}
      </section>
      <Spaces act={act} busy={busy} />
    </>
  );
}

/** The state in words; an error says what happened and what to do. */
function StatusLine({ status }: { status: SyncStatus }) {
  const { t, i18n } = useTranslation();
  const words = syncStateText(status);
  const state = status.status;
  const last = status.lastSyncedAt
    ? t('sync.lastSync', { time: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' }).format(status.lastSyncedAt) })
    : t('sync.never');
  return (
    <div className="sync-status">
      {words && (
        <p role="status" className={`sync-state sync-${state.state}`} data-testid="sync-status">
          {words}
        </p>
      )}
      {state.state === 'error' && (
        <p className="form-status error" role="alert">
          {describeError(state.error)}
        </p>
      )}
      {status.account && <p className="hint">{last}</p>}
    </div>
  );
}

function FirstSyncProgress({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  const state = status.status;
  if (state.state !== 'syncing' || state.total === 0) return null;
  return (
    <div className="progress-row">
      <label htmlFor="sync-progress">{t('sync.progress')}</label>
      <progress
        id="sync-progress"
        max={state.total}
        value={state.done}
        aria-valuemin={0}
        aria-valuemax={state.total}
        aria-valuenow={state.done}
      />
      <span>{t('syncState.syncingOf', { done: state.done, total: state.total })}</span>
    </div>
  );
}

function Spaces({ act, busy }: { act: Act; busy: boolean }) {
  const { t } = useTranslation();
  const { sync } = useStores();
  const spaces = useSync((s) => s.spaces);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    sync.refreshSpaces().then(
      () => setProblem(null),
      (error: unknown) => setProblem(userMessage(error)),
    );
  }, [sync]);

  const toggle = (space: SyncSpace, synced: boolean) => {
    const chosen = spaces.filter((s) => s.kind === 'shared' && (s.id === space.id ? synced : s.synced)).map((s) => s.id);
    void act(() => sync.setSpaces(chosen), t('sync.spacesSaved'));
  };

  return (
    <fieldset className="sync-spaces">
      <legend>{t('sync.spaces')}</legend>
      <p className="hint">{t('sync.spacesHint')}</p>
      {problem && <p className="form-status error">{problem}</p>}
      {spaces.map((space) => (
        <label key={space.id} className="choice">
          <input
            type="checkbox"
            checked={space.synced}
            disabled={busy || space.kind === 'personal'}
            onChange={(event) => toggle(space, event.target.checked)}
          />
          {space.kind === 'personal'
            ? t('sync.personalLine', { count: space.conversations })
            : t('sync.spaceLine', { name: space.name, role: t(`sync.role.${space.role}`), count: space.conversations })}
        </label>
      ))}
    </fieldset>
  );
}
