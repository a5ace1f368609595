// The models a provider offers, as suggestions for the Model field (live from the
// provider where it lists them, else the catalog), and what the chosen one costs.
import type { ModelInfo } from '../../src-shared/catalog/schema';
import type { ProviderKind } from '../../src-shared/domain';
import { i18n, useTranslation } from '../i18n';
import { describeError } from '../i18n/errors';
import { useApi } from '../state/context';
import { useQuery } from '../ui/useQuery';

export function ModelSuggestions({
  listId,
  providerId,
  kind,
  model,
}: {
  listId: string;
  providerId: string | null;
  kind: ProviderKind;
  model: string;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const models = useQuery<{ models: ModelInfo[]; problem: string | null }>(async () => {
    if (providerId !== null) {
      const listed = await api.call('model.list', { providerId });
      return { models: listed.models, problem: listed.problem ? describeError(listed.problem) : null };
    }
    return { models: await api.call('model.catalog', { kind }), problem: null };
  }, [providerId, kind]);
  const list = models.status === 'ready' ? models.data.models : [];
  const chosen = list.find((m) => m.id === model.trim());
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 3 });
  return (
    <>
      <datalist id={listId}>
        {list.map((m) => (
          <option key={m.id} value={m.id}>
            {m.label || m.id}
          </option>
        ))}
      </datalist>
      {chosen && (
        <p className="hint">
          {[
            chosen.contextWindow ? t('providers.context', { tokens: number.format(chosen.contextWindow) }) : null,
            chosen.price
              ? t('providers.price', { input: number.format(chosen.price.inputPerMTok), output: number.format(chosen.price.outputPerMTok) })
              : t('providers.noPrice'),
          ]
            .filter(Boolean)
            .join(' · ')}
        </p>
      )}
      {models.status === 'ready' && models.data.problem && <p className="hint">{models.data.problem}</p>}
    </>
  );
}
