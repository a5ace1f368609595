// Writing and sending: the provider to ask, the message box (Enter sends,
// Shift+Enter starts a new line), files (attached, pasted or dropped), Send, and
// Stop (or Escape) while a reply is being written.
import { useEffect, useRef, useState, type ClipboardEvent, type DragEvent, type FormEvent, type KeyboardEvent } from 'react';
import { ATTACHMENT_LIMITS } from '../../src-shared/entities/attachment-limits';
import { useTranslation } from '../i18n';
import { useQuery } from '../ui/useQuery';
import { sizeText } from '../state/attachments';
import { useApi, useComposer, useProviders, useStores, useThread } from '../state/context';
import { activeReplyId } from '../state/thread-store';
import { UnlockInPlace } from '../settings/KeyFilePrompt';
import { ComposerFiles, useComposerFiles } from './ComposerFiles';

export function Composer() {
  const { t, i18n } = useTranslation();
  const { composer, providers: providerStore } = useStores();
  const providers = useProviders((s) => s.providers);
  const selectedId = useProviders((s) => s.selectedId);
  const sending = useComposer((s) => s.sending);
  const error = useComposer((s) => s.error);
  const vaultLocked = useComposer((s) => s.vaultLocked);
  const replyId = useThread(activeReplyId);
  const remembered = useThread((s) => s.remembered);
  const personaId = useComposer((s) => s.personaId);
  const api = useApi();
  const personas = useQuery(() => api.call('persona.list', {}), []);
  const [draft, setDraft] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);
  const picker = useRef<HTMLInputElement>(null);
  const files = useComposerFiles();

  // Stop disappears when the reply ends; keep keyboard focus somewhere useful.
  useEffect(() => {
    if (!replyId && (document.activeElement === document.body || document.activeElement === null)) {
      input.current?.focus();
    }
  }, [replyId]);

  const send = async () => {
    const text = draft;
    if (await composer.send(text, files.uploads())) {
      setDraft((current) => (current === text ? '' : current));
      files.clear();
    }
    // Keys locked: the passphrase field asked in place keeps the focus.
    if (!composer.state.vaultLocked) input.current?.focus();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape' && replyId) {
      event.preventDefault();
      void composer.stop();
      return;
    }
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    void send();
  };

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const pasted = [...event.clipboardData.files];
    if (pasted.length === 0) return;
    // A screenshot comes without text; text copied with a picture keeps its text.
    if (!event.clipboardData.types.includes('text/plain')) event.preventDefault();
    void files.add(pasted);
  };

  const carriesFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');
  const onDragOver = (event: DragEvent) => {
    if (carriesFiles(event)) event.preventDefault();
  };
  const onDrop = (event: DragEvent) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    void files.add([...event.dataTransfer.files]);
  };

  const selectable = providers.some((p) => p.id === selectedId) ? selectedId! : '';
  const describedBy = error ? 'composer-hint composer-error' : 'composer-hint';

  return (
    <form className="composer" onSubmit={onSubmit} onDragOver={onDragOver} onDrop={onDrop} noValidate>
      <div className="composer-provider">
        <label htmlFor="composer-provider">{t('composer.provider')}</label>
        <select
          id="composer-provider"
          value={selectable}
          onChange={(event) => providerStore.select(event.target.value || null)}
        >
          {selectable === '' && <option value="">{providers.length ? t('composer.chooseOne') : t('composer.noneYet')}</option>}
          {providers.map((provider) => (
            <option key={provider.id} value={provider.id}>
              {provider.name} · {remembered?.providerId === provider.id ? remembered.model : provider.model}
            </option>
          ))}
        </select>
        {personas.status === 'ready' && personas.data.length > 0 && (
          <>
            <label htmlFor="composer-persona">{t('composer.persona')}</label>
            <select
              id="composer-persona"
              value={personas.data.some((p) => p.id === personaId) ? personaId! : ''}
              onChange={(event) => composer.selectPersona(event.target.value || null)}
            >
              <option value="">{t('composer.noPersona')}</option>
              {personas.data.map((persona) => (
                <option key={persona.id} value={persona.id}>
                  {persona.icon ? `${persona.icon} ` : ''}
                  {persona.name}
                </option>
              ))}
            </select>
          </>
        )}
      </div>
      <label htmlFor="composer-input" className="composer-label">
        {t('composer.message')}
      </label>
      <textarea
        id="composer-input"
        ref={input}
        rows={3}
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
      />
      <ComposerFiles state={files} />
      <div className="composer-footer">
        <p id="composer-hint" className="hint">
          {t('composer.hint')}
        </p>
        <div className="composer-actions">
          <input
            ref={picker}
            type="file"
            multiple
            hidden
            onChange={(event) => {
              void files.add([...(event.target.files ?? [])]);
              event.target.value = '';
            }}
          />
          <button type="button" aria-describedby="composer-attach-hint" onClick={() => picker.current?.click()}>
            {t('composer.attach')}
          </button>
          <span id="composer-attach-hint" className="visually-hidden">
            {t('composer.attachHint', { size: sizeText(ATTACHMENT_LIMITS.fileBytes, i18n.language) })}
          </span>
          {replyId && (
            <button type="button" onClick={() => void composer.stop()}>
              {t('composer.stop')}
            </button>
          )}
          <button type="submit" className="primary" aria-disabled={sending || replyId !== null}>
            {t('composer.send')}
          </button>
        </div>
      </div>
      {vaultLocked && (
        <UnlockInPlace
          onUnlocked={() => {
            composer.dismissVaultLocked();
            void send();
          }}
          onCancel={() => composer.dismissVaultLocked()}
        />
      )}
      {error && (
        <p id="composer-error" className="composer-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
