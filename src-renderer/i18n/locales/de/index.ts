// Deutsch: dieselben Schlüssel wie en/ (der Typ `Translation`, jede Datei für sich,
// und i18n.test.ts prüfen es).
import type { Translation } from '../en';
import { shell } from './shell';
import { sidebar } from './sidebar';
import { chat } from './chat';
import { compare } from './compare';
import { library } from './library';
import { analytics } from './analytics';
import { settings } from './settings';

export const de: Translation = { ...shell, ...sidebar, ...chat, ...compare, ...library, ...analytics, ...settings };
