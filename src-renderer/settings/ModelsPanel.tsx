// Models and prices: the catalog for one kind of service (context window, price
// per million tokens, where the entry comes from), and the user's own entries
// for a custom model or other prices, which win over the catalog.
import { useState, type FormEvent } from 'react';
import { PROVIDER_KINDS } from '../../src-shared/catalog/kinds';
import type { ProviderKind } from '../../src-shared/domain';
import { userMessage } from '../api/errors';
import { i18n, useTranslation } from '../i18n';
import { useProviders, useStores } from '../state/context';
import { useQuery } from '../ui/useQuery';

export function ModelsPanel() {
  const { t } = useTranslation();
  const { api, ui } = useStores();
  const providers = useProviders((s) => s.providers);
  const [kind, setKind] = useState<ProviderKind>(providers[0]?.kind ?? 'openai');
  const models = useQuery(() => api.call('model.catalog', { kind }), [kind]);
  const [draft, setDraft] = useState({ id: '', label: '', input: '', output: '', context: '' });
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 3 });

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const input = Number(draft.input);
    const output = Number(draft.output);
    if (!draft.id.trim()) return;
    try {
      await api.call('model.saveOverride', {
        id: draft.id.trim(),
        kind,
        label: draft.label.trim(),
        ...(draft.context ? { contextWindow: Number(draft.context) } : {}),
        price: draft.input !== '' && draft.output !== '' && Number.isFinite(input) && Number.isFinite(output) ? { inputPerMTok: input, outputPerMTok: output } : null,
      });
      ui.toast(t('models.saved', { id: draft.id.trim() }), { tone: 'success' });
      setDraft({ id: '', label: '', input: '', output: '', context: '' });
      models.reload();
    } catch (error) {
      ui.toast(userMessage(error), { tone: 'error' });
    }
  };

  const remove = async (id: string) => {
    try {
      await api.call('model.deleteOverride', { kind, id });
      models.reload();
    } catch (error) {
      ui.toast(userMessage(error), { tone: 'error' });
    }
  };

  const list = models.status === 'ready' ? models.data : [];
  return (
    <div className="settings-panel">
      <div className="field">
        <label htmlFor="models-kind">{t('providers.kind')}</label>
        <select id="models-kind" value={kind} onChange={(event) => setKind(event.target.value as ProviderKind)}>
          {PROVIDER_KINDS.map((info) => (
            <option key={info.kind} value={info.kind}>
              {info.label}
            </option>
          ))}
        </select>
      </div>
      {models.status === 'error' && <p className="form-status error">{models.message}</p>}
      {list.length === 0 && models.status === 'ready' && <p className="hint">{t('models.none')}</p>}
      {list.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('models.title')}>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('models.model')}</th>
                <th scope="col" className="num">
                  {t('models.context')}
                </th>
                <th scope="col" className="num">
                  {t('models.inputPrice')}
                </th>
                <th scope="col" className="num">
                  {t('models.outputPrice')}
                </th>
                <th scope="col">{t('models.source')}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((model) => (
                <tr key={model.id}>
                  <td>
                    {model.label || model.id}
                    {model.label && model.label !== model.id && <span className="hint"> ({model.id})</span>}
                  </td>
                  <td className="num">{model.contextWindow ? number.format(model.contextWindow) : '—'}</td>
                  <td className="num">{model.price ? `$${number.format(model.price.inputPerMTok)}` : '—'}</td>
                  <td className="num">{model.price ? `$${number.format(model.price.outputPerMTok)}` : '—'}</td>
                  <td>
                    {t(`models.sources.${model.source}`)}
                    {model.source === 'custom' && (
                      <button type="button" className="small quiet" onClick={() => void remove(model.id)} aria-label={t('models.removeFor', { id: model.id })}>
                        {t('common.remove')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="inline-form" onSubmit={(event) => void save(event)}>
        <h3>{t('models.addTitle')}</h3>
        <div className="field-row">
          <div className="field">
            <label htmlFor="override-id">{t('models.id')}</label>
            <input id="override-id" value={draft.id} onChange={(event) => setDraft({ ...draft, id: event.target.value })} spellCheck={false} />
          </div>
          <div className="field">
            <label htmlFor="override-label">{t('models.label')}</label>
            <input id="override-label" value={draft.label} onChange={(event) => setDraft({ ...draft, label: event.target.value })} />
          </div>
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor="override-input">{t('models.inputPrice')}</label>
            <input id="override-input" type="number" min={0} step="0.01" value={draft.input} onChange={(event) => setDraft({ ...draft, input: event.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="override-output">{t('models.outputPrice')}</label>
            <input id="override-output" type="number" min={0} step="0.01" value={draft.output} onChange={(event) => setDraft({ ...draft, output: event.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="override-context">{t('models.context')}</label>
            <input id="override-context" type="number" min={1} step={1} value={draft.context} onChange={(event) => setDraft({ ...draft, context: event.target.value })} />
          </div>
        </div>
        <div className="form-actions">
          <button type="submit">{t('models.saveOverride')}</button>
        </div>
      </form>
    </div>
  );
}
