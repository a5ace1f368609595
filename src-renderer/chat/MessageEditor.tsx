// Editing one of the user's messages in place: Ctrl/Cmd+Enter (or "Submit edit")
// asks the edited version as a sibling, Escape (or Cancel) leaves it as it was.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Message } from '../../src-shared/domain';
import { useTranslation } from '../i18n';
import { useStores } from '../state/context';

export function MessageEditor({ message, onClose }: { message: Message; onClose(submitted: boolean): void }) {
  const { t } = useTranslation();
  const { composer } = useStores();
  const [text, setText] = useState(message.content);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const id = useId();

  useEffect(() => {
    const element = input.current;
    if (!element) return;
    element.focus();
    element.setSelectionRange(element.value.length, element.value.length);
  }, []);

  const submit = async () => {
    if (busy) return;
    setBusy(true);
    const problem = await composer.edit(message.id, text);
    setBusy(false);
    if (problem) setError(problem);
    else onClose(true);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose(false);
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void submit();
    }
  };

  return (
    <div className="message-editor">
      <label htmlFor={`${id}-text`} className="visually-hidden">
        {t('chat.editedText')}
      </label>
      <textarea
        id={`${id}-text`}
        ref={input}
        rows={Math.min(12, Math.max(3, text.split('\n').length + 1))}
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
        aria-invalid={error ? true : undefined}
      />
      <p id={`${id}-hint`} className="hint">
        {t('chat.editHint')}
      </p>
      {error && (
        <p id={`${id}-error`} className="composer-error" role="alert">
          {error}
        </p>
      )}
      <div className="message-editor-actions">
        <button type="button" onClick={() => onClose(false)}>
          {t('common.cancel')}
        </button>
        <button type="button" className="primary" aria-disabled={busy} onClick={() => void submit()}>
          {t('chat.submitEdit')}
        </button>
      </div>
    </div>
  );
}
