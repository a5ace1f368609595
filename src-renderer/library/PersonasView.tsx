// Personas: a name, a system prompt and default model settings, picked per
// conversation or per compare column. A list on the left, the editor beside it.
import type { Persona } from '../../src-shared/entities/personas';
import { useTranslation } from '../i18n';
import { useApi, useProviders } from '../state/context';
import { EditorActions, LibraryPage } from './LibraryPage';
import { useLibraryEditor } from './useLibraryEditor';

type Draft = Pick<Persona, 'name' | 'description' | 'systemPrompt' | 'icon'> & {
  providerId: string;
  temperature: string;
  maxOutputTokens: string;
};

const EMPTY: Draft = { name: '', description: '', systemPrompt: '', icon: null, providerId: '', temperature: '', maxOutputTokens: '' };

function draftOf(persona: Persona | null): Draft {
  if (!persona) return EMPTY;
  return {
    name: persona.name,
    description: persona.description,
    systemPrompt: persona.systemPrompt,
    icon: persona.icon,
    providerId: persona.settings.providerId ?? '',
    temperature: persona.settings.temperature?.toString() ?? '',
    maxOutputTokens: persona.settings.maxOutputTokens?.toString() ?? '',
  };
}

/** What a save sends besides the name. */
function fieldsOf(draft: Draft) {
  const temperature = Number(draft.temperature);
  const maxOutputTokens = Number(draft.maxOutputTokens);
  return {
    description: draft.description,
    systemPrompt: draft.systemPrompt,
    icon: draft.icon || null,
    settings: {
      ...(draft.providerId ? { providerId: draft.providerId } : {}),
      ...(draft.temperature && Number.isFinite(temperature) ? { temperature } : {}),
      ...(draft.maxOutputTokens && Number.isInteger(maxOutputTokens) ? { maxOutputTokens } : {}),
    },
  };
}

export default function PersonasView() {
  const { t } = useTranslation();
  const api = useApi();
  const providers = useProviders((s) => s.providers);
  const { query: personas, list, editing, draft, setDraft, status, edit, save, remove } = useLibraryEditor<Persona, Draft>({
    section: 'personas',
    list: () => api.call('persona.list', {}),
    save: (id, saved) => api.call('persona.save', { ...(id ? { id } : {}), name: saved.name.trim(), ...fieldsOf(saved) }),
    remove: (id) => api.call('persona.delete', { id }),
    initial: EMPTY,
    draftOf,
  });

  return (
    <LibraryPage<Persona>
      title={t('personas.title')}
      listLabel={t('personas.list')}
      newLabel={t('personas.new')}
      emptyText={t('personas.none')}
      query={personas}
      items={list}
      editingId={editing}
      onNew={() => edit(null)}
      onPick={edit}
      renderItem={(persona) => (
        <>
          {persona.icon && <span aria-hidden="true">{persona.icon} </span>}
          {persona.name}
        </>
      )}
    >
      <form className="inline-form editor" onSubmit={(event) => void save(event)} noValidate>
        <h2 className="section-title">{editing ? t('personas.editTitle', { name: draft.name }) : t('personas.newTitle')}</h2>
        <div className="field">
          <label htmlFor="persona-name">{t('personas.name')}</label>
          <input id="persona-name" value={draft.name} onChange={(event) => setDraft({ ...draft, name: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="persona-icon">{t('personas.icon')}</label>
          <input id="persona-icon" maxLength={16} value={draft.icon ?? ''} onChange={(event) => setDraft({ ...draft, icon: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="persona-description">{t('personas.description')}</label>
          <input id="persona-description" value={draft.description} onChange={(event) => setDraft({ ...draft, description: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="persona-prompt">{t('personas.systemPrompt')}</label>
          <textarea id="persona-prompt" rows={6} value={draft.systemPrompt} onChange={(event) => setDraft({ ...draft, systemPrompt: event.target.value })} />
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor="persona-provider">{t('personas.defaultProvider')}</label>
            <select id="persona-provider" value={draft.providerId} onChange={(event) => setDraft({ ...draft, providerId: event.target.value })}>
              <option value="">{t('common.none')}</option>
              {providers.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} · {p.model}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="persona-temperature">{t('personas.temperature')}</label>
            <input id="persona-temperature" type="number" min={0} max={2} step={0.1} value={draft.temperature} onChange={(event) => setDraft({ ...draft, temperature: event.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="persona-max-tokens">{t('personas.maxTokens')}</label>
            <input id="persona-max-tokens" type="number" min={1} step={1} value={draft.maxOutputTokens} onChange={(event) => setDraft({ ...draft, maxOutputTokens: event.target.value })} />
          </div>
        </div>
        <EditorActions editing={editing !== null} onDelete={() => void remove()} status={status} />
      </form>
    </LibraryPage>
  );
}
