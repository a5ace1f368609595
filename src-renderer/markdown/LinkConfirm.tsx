// Asked before a link whose text is not its own address opens: the text can say
// one site while the link goes to another, so the real destination is shown
// first (its host, or the mail address), with the whole address below it.
import { createPortal } from 'react-dom';
import { linkDestination } from '../../src-shared/links';
import { useTranslation } from '../i18n';
import { useModalDialog } from '../shell/useModalDialog';

export function LinkConfirm({ href, text, onClose }: { href: string; text: string; onClose: () => void }) {
  const { t } = useTranslation();
  const dialog = useModalDialog(true);
  const destination = linkDestination(href);
  const open = () => {
    window.open(href, '_blank', 'noopener,noreferrer');
    dialog.current?.close();
  };
  return createPortal(
    <dialog ref={dialog} className="dialog link-confirm" aria-labelledby="link-confirm-title" onClose={onClose}>
      <header className="dialog-header">
        <h2 id="link-confirm-title">{t('markdown.link.title', { destination })}</h2>
      </header>
      <div className="dialog-body">
        <p>{t('markdown.link.body', { text, destination })}</p>
        <p className="link-confirm-address">{href}</p>
      </div>
      <footer className="dialog-footer">
        <button type="button" onClick={() => dialog.current?.close()}>
          {t('common.cancel')}
        </button>
        <button type="button" className="primary" onClick={open}>
          {t('markdown.link.open', { destination })}
        </button>
      </footer>
    </dialog>,
    document.body,
  );
}
