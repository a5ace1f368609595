// The files a message was sent with: images as thumbnails (their bytes asked for
// once and kept as data: URLs, which the CSP allows), other files as named chips.
import { memo, useEffect, useState } from 'react';
import { isImageType } from '../../src-shared/entities/attachment-limits';
import type { Attachment } from '../../src-shared/entities/attachments';
import { userMessage } from '../api/errors';
import { useTranslation } from '../i18n';
import { sizeText } from '../state/attachments';
import { useApi, useThread } from '../state/context';

const NO_FILES: readonly Attachment[] = [];
const MAX_CACHED = 60;
/** Attachment id → data: URL; attachments never change, so this never goes stale. */
const thumbnails = new Map<string, string>();

function remember(id: string, url: string): void {
  thumbnails.set(id, url);
  if (thumbnails.size > MAX_CACHED) thumbnails.delete(thumbnails.keys().next().value!);
}

export const MessageFiles = memo(function MessageFiles({ messageId }: { messageId: string }) {
  const { t } = useTranslation();
  const files = useThread((s) => s.attachments[messageId] ?? NO_FILES);
  if (files.length === 0) return null;
  return (
    <ul className="file-chips message-files" aria-label={t('chat.files')}>
      {files.map((file) => (
        <li key={file.id} className="file-chip">
          {isImageType(file.mime) && <Thumbnail attachment={file} />}
          <FileLabel name={file.fileName} size={file.size} />
        </li>
      ))}
    </ul>
  );
});

export function FileLabel({ name, size }: { name: string; size: number }) {
  const { i18n } = useTranslation();
  return (
    <span className="file-label">
      <span className="file-name">{name}</span> <span className="file-size">{sizeText(size, i18n.language)}</span>
    </span>
  );
}

function Thumbnail({ attachment }: { attachment: Attachment }) {
  const { t } = useTranslation();
  const api = useApi();
  const [url, setUrl] = useState(() => thumbnails.get(attachment.id) ?? null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (url) return;
    let live = true;
    api.call('chat.attachment', { id: attachment.id }).then(
      ({ dataBase64 }) => {
        const made = `data:${attachment.mime};base64,${dataBase64}`;
        remember(attachment.id, made);
        if (live) setUrl(made);
      },
      (error: unknown) => live && setProblem(userMessage(error)),
    );
    return () => {
      live = false;
    };
  }, [api, attachment.id, attachment.mime, url]);

  if (problem) return <span className="file-problem">{t('chat.fileUnavailable', { name: attachment.fileName, reason: problem })}</span>;
  if (!url) return <span className="thumbnail placeholder" aria-hidden="true" />;
  return <img className="thumbnail" src={url} alt={t('chat.imageNamed', { name: attachment.fileName })} />;
}
