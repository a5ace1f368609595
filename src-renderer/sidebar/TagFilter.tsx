// Tag chips: pressing one lists only the conversations that carry it, pressing it
// again lists all of them. A chosen tag stays shown even when nothing carries it any more.
import type { TagSummary } from '../../src-shared/api/methods/conversations';
import { useTranslation } from '../i18n';

export function TagFilter({
  tags,
  selected,
  onSelect,
}: {
  tags: readonly TagSummary[];
  selected: string | null;
  onSelect: (tag: string | null) => void;
}) {
  const { t } = useTranslation();
  const names = tags.map((tag) => tag.name);
  const same = (a: string, b: string) => a.toLocaleLowerCase() === b.toLocaleLowerCase();
  if (selected && !names.some((name) => same(name, selected))) names.unshift(selected);
  if (names.length === 0) return null;
  return (
    <div className="tag-filter" role="group" aria-label={t('sidebar.tagFilter')}>
      {names.map((name) => {
        const pressed = selected !== null && same(name, selected);
        return (
          <button key={name} type="button" className="tag-chip" aria-pressed={pressed} onClick={() => onSelect(pressed ? null : name)}>
            <span aria-hidden="true">#</span>
            {name}
          </button>
        );
      })}
    </div>
  );
}
