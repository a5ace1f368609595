// A block shown as plain text: while the worker parses it, and for good when it
// is beyond a limit (limits.ts), with a note saying why. Long text goes in pieces
// that the browser skips while they are off screen (content-visibility).
import { useTranslation } from '../i18n';
import type { PlainReason } from './limits';

const PIECE_CHARS = 8_000;

function piecesOf(text: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + PIECE_CHARS);
    // End a piece at a line break when one is near, so lines stay whole.
    const newline = end < text.length ? text.lastIndexOf('\n', end) : -1;
    if (newline > start + PIECE_CHARS / 2) end = newline + 1;
    pieces.push(text.slice(start, end));
    start = end;
  }
  return pieces;
}

export function PlainText({ text, reason }: { text: string; reason: PlainReason | null }) {
  const { t } = useTranslation();
  return (
    <div className="md-plain">
      {reason && <p className="md-plain-note">{t(`markdown.plain.${reason}`)}</p>}
      {piecesOf(text).map((piece, index) => (
        <div key={index} className="md-plain-piece">
          {piece}
        </div>
      ))}
    </div>
  );
}
