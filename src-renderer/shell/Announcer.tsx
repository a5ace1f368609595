// The one polite live region: says when a reply finished, failed or stopped,
// never each token. A fresh key re-announces even an identical sentence.
import { useStatus } from '../state/context';

export function Announcer() {
  const announcement = useStatus((s) => s.announcement);
  return (
    <div className="visually-hidden" aria-live="polite" aria-atomic="true">
      {announcement && <span key={announcement.id}>{announcement.text}</span>}
    </div>
  );
}
