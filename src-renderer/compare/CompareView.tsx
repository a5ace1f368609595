// The compare view: one prompt, 2-8 columns streaming side by side, each with
// time to first token, tokens/s, tokens and cost; blind mode; a vote; a word
// diff between two answers; "continue with this one"; the leaderboard.
import { useEffect, useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import { useTranslation } from '../i18n';
import { useProviders, useStores } from '../state/context';
import type { Stores } from '../state/stores';
import { useQuery } from '../ui/useQuery';
import { CompareController, MAX_COLUMNS, MIN_COLUMNS } from './compare-controller';
import { Leaderboard } from './Leaderboard';
import { RunView } from './RunView';
import './compare.css';

const controllers = new WeakMap<Stores, CompareController>();

/** One per window: a run keeps going, and stays shown, while another view is open. */
function useCompare(stores: Stores): CompareController {
  let controller = controllers.get(stores);
  if (!controller) {
    controller = new CompareController(stores);
    controllers.set(stores, controller);
  }
  return controller;
}

export default function CompareView() {
  const { t } = useTranslation();
  const stores = useStores();
  const { api } = stores;
  const compare = useCompare(stores);
  const providers = useProviders((s) => s.providers);
  const columns = useStore(compare.store, (s) => s.columns);
  const blind = useStore(compare.store, (s) => s.blind);
  const run = useStore(compare.store, (s) => s.run);
  const error = useStore(compare.store, (s) => s.error);
  const [prompt, setPrompt] = useState('');
  const personaChoices = useStore(compare.store, (s) => s.personas);
  const personas = useQuery(() => api.call('persona.list', {}), []);
  const personaList = personas.status === 'ready' ? personas.data : [];

  useEffect(() => compare.syncProviders(providers), [compare, providers]);
  useEffect(() => void compare.loadLeaderboard(), [compare]);

  const running = run?.replies.some((r) => r.status === 'streaming') ?? false;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await compare.start(prompt, providers)) setPrompt('');
  };

  return (
    <div className="chat">
      <header className="page-header">
        <h1>{t('compare.title')}</h1>
      </header>
      <div className="page">
        <form className="page-section compare-form" onSubmit={(event) => void submit(event)} noValidate>
          {providers.length === 0 && <p className="hint">{t('compare.needProviders')}</p>}
          <fieldset className="compare-columns">
            <legend>{t('compare.columns', { count: columns.length })}</legend>
            {columns.map((providerId, index) => (
              <div key={index} className="compare-column-pick">
                <label htmlFor={`compare-column-${index}`}>{t('compare.column', { index: index + 1 })}</label>
                <select id={`compare-column-${index}`} value={providerId} onChange={(event) => compare.setColumn(index, event.target.value)}>
                  {providers.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.name} · {p.model}
                    </option>
                  ))}
                </select>
                {personaList.length > 0 && (
                  <>
                    <label htmlFor={`compare-persona-${index}`}>{t('compare.persona', { index: index + 1 })}</label>
                    <select
                      id={`compare-persona-${index}`}
                      value={personaChoices[index] ?? ''}
                      onChange={(event) => compare.setPersona(index, event.target.value || null)}
                    >
                      <option value="">{t('composer.noPersona')}</option>
                      {personaList.map((persona) => (
                        <option key={persona.id} value={persona.id}>
                          {persona.name}
                        </option>
                      ))}
                    </select>
                  </>
                )}
                {columns.length > MIN_COLUMNS && (
                  <button type="button" className="small quiet" onClick={() => compare.removeColumn(index)} aria-label={t('compare.removeColumn', { index: index + 1 })}>
                    ×
                  </button>
                )}
              </div>
            ))}
            {columns.length < MAX_COLUMNS && providers.length > 0 && (
              <button type="button" className="small" onClick={() => compare.addColumn(providers[columns.length % providers.length]!.id)}>
                {t('compare.addColumn')}
              </button>
            )}
          </fieldset>
          <label className="checkbox">
            <input type="checkbox" checked={blind} onChange={(event) => compare.setBlind(event.target.checked)} />
            {t('compare.blind')}
          </label>
          <div className="field">
            <label htmlFor="compare-prompt">{t('compare.prompt')}</label>
            <textarea
              id="compare-prompt"
              rows={3}
              value={prompt}
              onChange={(event) => setPrompt(event.target.value)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit(event);
              }}
              aria-describedby="compare-prompt-hint"
            />
            <p id="compare-prompt-hint" className="hint">
              {t('compare.promptHint')}
            </p>
          </div>
          <div className="form-actions">
            <button type="submit" className="primary" aria-disabled={running || providers.length === 0}>
              {t('compare.run')}
            </button>
            {running && (
              <button type="button" onClick={() => void compare.stopAll()}>
                {t('compare.stopAll')}
              </button>
            )}
          </div>
          {error && (
            <p className="composer-error" role="alert">
              {error === 'needColumns' ? t('compare.needColumnsError') : error}
            </p>
          )}
        </form>
        {run && <RunView compare={compare} run={run} />}
        <Leaderboard compare={compare} />
      </div>
    </div>
  );
}
