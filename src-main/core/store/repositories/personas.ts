// Personas: a named system prompt with default model settings.
import type Database from 'better-sqlite3';
import type { ModelSettings } from '../../../../src-shared/entities/library';
import type { Persona } from '../../../../src-shared/entities/personas';
import { jsonColumn, parseJsonColumn, type SyncedRows } from './synced-rows';

interface PersonaRow {
  id: string;
  name: string;
  description: string;
  system_prompt: string;
  icon: string | null;
  settings: string;
  created_at: number;
  updated_at: number;
}

const toPersona = (row: PersonaRow): Persona => ({
  id: row.id,
  name: row.name,
  description: row.description,
  systemPrompt: row.system_prompt,
  icon: row.icon,
  settings: parseJsonColumn<ModelSettings>(row.settings, {}),
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export class PersonaRepository {
  private readonly selectAll;

  constructor(
    db: Database.Database,
    private readonly rows: SyncedRows,
  ) {
    this.selectAll = db.prepare<[], PersonaRow>('SELECT * FROM personas WHERE deleted = 0 ORDER BY name COLLATE NOCASE, id');
  }

  list(): Persona[] {
    return this.selectAll.all().map(toPersona);
  }

  save(persona: Persona, spaceId: string): Persona {
    const columns = {
      name: persona.name,
      description: persona.description,
      system_prompt: persona.systemPrompt,
      icon: persona.icon,
      settings: jsonColumn(persona.settings),
    };
    this.rows.saveEdited('personas', persona.id, spaceId, columns, persona.createdAt);
    return toPersona(this.rows.live('personas', persona.id) as unknown as PersonaRow);
  }

  delete(id: string): boolean {
    return this.rows.tombstone('personas', id);
  }
}
