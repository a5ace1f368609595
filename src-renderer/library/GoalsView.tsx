// The goal hub: goals with a title, description, status, target date and a
// measure of progress, and the conversations and pipeline runs linked to them.
import { useState, type FormEvent } from 'react';
import type { Goal, GoalStatus } from '../../src-shared/entities/goals';
import { userMessage } from '../api/errors';
import { i18n, useTranslation } from '../i18n';
import { useConversations, useStores } from '../state/context';
import { useQuery } from '../ui/useQuery';
import { measureDraftOf, measureInput, MeasureFields, ProgressBadge, ProgressPanel, type MeasureDraft } from './GoalProgress';
import { EditorActions, LibraryPage, type EditorStatus } from './LibraryPage';

const STATUSES: GoalStatus[] = ['active', 'done', 'archived'];

type Draft = { title: string; description: string; status: GoalStatus; targetAt: string; measure: MeasureDraft };
const EMPTY: Draft = { title: '', description: '', status: 'active', targetAt: '', measure: measureDraftOf(null) };

export default function GoalsView() {
  const { t } = useTranslation();
  const { api, ui, thread } = useStores();
  const conversations = useConversations((s) => s.conversations);
  const goals = useQuery(() => api.call('goal.list', {}), []);
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [filter, setFilter] = useState<GoalStatus | 'all'>('active');
  const [status, setStatus] = useState<EditorStatus>(null);
  const [linkTarget, setLinkTarget] = useState('');

  const all = goals.status === 'ready' ? goals.data : [];
  const list = filter === 'all' ? all : all.filter((g) => g.status === filter);
  const current = all.find((g) => g.id === editing) ?? null;

  const edit = (goal: Goal | null) => {
    setEditing(goal?.id ?? null);
    setStatus(null);
    setDraft(
      goal
        ? {
            title: goal.title,
            description: goal.description,
            status: goal.status,
            targetAt: goal.targetAt ? new Date(goal.targetAt).toISOString().slice(0, 10) : '',
            measure: measureDraftOf(goal.progress),
          }
        : EMPTY,
    );
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!draft.title.trim()) {
      setStatus({ tone: 'error', text: t('goals.needTitle') });
      return;
    }
    try {
      const saved = await api.call('goal.save', {
        ...(editing ? { id: editing } : {}),
        title: draft.title.trim(),
        description: draft.description,
        status: draft.status,
        targetAt: draft.targetAt ? Date.parse(`${draft.targetAt}T00:00:00Z`) : null,
        progress: measureInput(draft.measure, current?.progress ?? null),
      });
      setEditing(saved.id);
      setStatus({ tone: 'success', text: t('goals.saved', { title: saved.title }) });
      goals.reload();
    } catch (error) {
      setStatus({ tone: 'error', text: userMessage(error) });
    }
  };

  const setLinked = async (conversationId: string, linked: boolean) => {
    if (!editing || !conversationId) return;
    try {
      await api.call('goal.link', { goalId: editing, target: { kind: 'conversation', id: conversationId }, linked });
      setLinkTarget('');
      goals.reload();
    } catch (error) {
      setStatus({ tone: 'error', text: userMessage(error) });
    }
  };

  const remove = async () => {
    if (!editing || !window.confirm(t('goals.confirmDelete', { title: draft.title }))) return;
    try {
      await api.call('goal.delete', { id: editing });
      ui.toast(t('goals.deleted', { title: draft.title }), { tone: 'success' });
      edit(null);
      goals.reload();
    } catch (error) {
      setStatus({ tone: 'error', text: userMessage(error) });
    }
  };

  return (
    <LibraryPage<Goal>
      title={t('goals.title')}
      listLabel={t('goals.list')}
      newLabel={t('goals.new')}
      emptyText={t('goals.none')}
      query={goals}
      items={list}
      editingId={editing}
      onNew={() => edit(null)}
      onPick={edit}
      renderItem={(goal) => (
        <>
          {goal.title}
          <span className="badge">{t(`goals.status.${goal.status}`)}</span>
          <ProgressBadge progress={goal.progress} />
        </>
      )}
      listTools={
        <div className="field">
          <label htmlFor="goal-filter">{t('goals.show')}</label>
          <select id="goal-filter" value={filter} onChange={(event) => setFilter(event.target.value as GoalStatus | 'all')}>
            <option value="all">{t('goals.all')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`goals.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
      }
    >
      <div>
        <form className="inline-form editor" onSubmit={(event) => void save(event)} noValidate>
          <h2 className="section-title">{editing ? t('goals.editTitle', { title: draft.title }) : t('goals.newTitle')}</h2>
          <div className="field">
            <label htmlFor="goal-title">{t('goals.goalTitle')}</label>
            <input id="goal-title" value={draft.title} onChange={(event) => setDraft({ ...draft, title: event.target.value })} />
          </div>
          <div className="field">
            <label htmlFor="goal-description">{t('goals.description')}</label>
            <textarea id="goal-description" rows={4} value={draft.description} onChange={(event) => setDraft({ ...draft, description: event.target.value })} />
          </div>
          <div className="field-row">
            <div className="field">
              <label htmlFor="goal-status">{t('goals.statusLabel')}</label>
              <select id="goal-status" value={draft.status} onChange={(event) => setDraft({ ...draft, status: event.target.value as GoalStatus })}>
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`goals.status.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="goal-target">{t('goals.target')}</label>
              <input id="goal-target" type="date" value={draft.targetAt} onChange={(event) => setDraft({ ...draft, targetAt: event.target.value })} />
            </div>
          </div>
          <MeasureFields draft={draft.measure} onChange={(measure) => setDraft({ ...draft, measure })} />
          <EditorActions editing={editing !== null} onDelete={() => void remove()} status={status} />
        </form>
        {current && <ProgressPanel key={current.id} goal={current} onChanged={goals.reload} />}
        {current && (
          <section aria-labelledby="goal-links-title">
            <h2 id="goal-links-title" className="section-title">
              {t('goals.linked')}
            </h2>
            {current.links.length === 0 && <p className="hint">{t('goals.noLinks')}</p>}
            <ul>
              {current.links.map((link) => {
                const conversation = link.kind === 'conversation' ? conversations.find((c) => c.id === link.id) : undefined;
                return (
                  <li key={`${link.kind}:${link.id}`}>
                    {conversation ? (
                      <a
                        href={`#conversation-${link.id}`}
                        onClick={(event) => {
                          event.preventDefault();
                          ui.setView('chat');
                          void thread.open(link.id);
                        }}
                      >
                        {conversation.title || t('sidebar.untitled')}
                      </a>
                    ) : (
                      <span>
                        {t(`goals.linkKinds.${link.kind}`)} {link.id.slice(0, 8)}
                      </span>
                    )}{' '}
                    <button type="button" className="small quiet" onClick={() => void setLinked(link.id, false)} aria-label={t('goals.unlinkLabel', { title: conversation?.title ?? link.id.slice(0, 8) })}>
                      {t('goals.unlink')}
                    </button>
                  </li>
                );
              })}
            </ul>
            <div className="inline-form">
              <div className="field">
                <label htmlFor="goal-link">{t('goals.linkConversation')}</label>
                <select id="goal-link" value={linkTarget} onChange={(event) => setLinkTarget(event.target.value)}>
                  <option value="">{t('goals.chooseConversation')}</option>
                  {conversations
                    .filter((c) => !current.links.some((l) => l.kind === 'conversation' && l.id === c.id))
                    .map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.title || t('sidebar.untitled')}
                      </option>
                    ))}
                </select>
              </div>
              <div className="form-actions">
                <button type="button" onClick={() => void setLinked(linkTarget, true)}>
                  {t('goals.link')}
                </button>
              </div>
            </div>
            {current.targetAt && (
              <p className="hint">{t('goals.due', { date: new Date(current.targetAt).toLocaleDateString(i18n.language) })}</p>
            )}
          </section>
        )}
      </div>
    </LibraryPage>
  );
}
