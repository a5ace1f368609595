// An inline name editor (a conversation's title, a folder's name): Enter or
// leaving the field saves, Escape cancels. Blank or unchanged text is a cancel.
// `byKey` says focus should go back to the item (Enter, Escape), not stay where
// the user clicked.
import { useRef, useState } from 'react';

export function NameField({
  label,
  initial,
  onDone,
  className = 'rename-field',
}: {
  label: string;
  initial: string;
  /** The new name, or null when cancelled. */
  onDone: (name: string | null, byKey: boolean) => void;
  className?: string;
}) {
  const [value, setValue] = useState(initial);
  const finished = useRef(false);
  const finish = (save: boolean, byKey: boolean) => {
    if (finished.current) return;
    finished.current = true;
    const name = value.trim();
    onDone(save && name && name !== initial ? name : null, byKey);
  };
  return (
    <input
      className={className}
      aria-label={label}
      value={value}
      maxLength={500}
      autoFocus
      onChange={(event) => setValue(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          finish(true, true);
        } else if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          finish(false, true);
        }
      }}
      onBlur={() => finish(true, false)}
    />
  );
}
