// "Ask again with…" beside Regenerate: the same question to another of the user's
// providers (its model), listed as the composer's picker lists them. The reply is
// a sibling labelled with its model, as a regeneration is.
import type { Message } from '../../src-shared/domain';
import { useTranslation } from '../i18n';
import { useProviders, useStores } from '../state/context';
import { MenuButton } from '../ui/Menu';

export function RegenerateWithMenu({ message }: { message: Message }) {
  const { t } = useTranslation();
  const { thread } = useStores();
  const providers = useProviders((s) => s.providers);
  // Regenerate already asks the reply's own model again.
  const others = providers.filter((p) => !(p.id === message.providerId && p.model === message.model));
  if (others.length === 0) return null;
  const label = t('chat.regenerateWith');
  return (
    <MenuButton
      className="quiet small"
      label={label}
      entries={others.map((provider) => ({
        key: provider.id,
        label: `${provider.name} · ${provider.model}`,
        run: () => void thread.regenerate(message.id, provider),
      }))}
    >
      {label}
    </MenuButton>
  );
}
