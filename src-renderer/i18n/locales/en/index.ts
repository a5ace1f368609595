// English: the source of every user-visible string, one file per part of the
// window. Other languages have the same keys (the `Translation` type and
// i18n.test.ts check it). Plurals use i18next's _one/_other suffixes.
import { shell } from './shell';
import { sidebar } from './sidebar';
import { chat } from './chat';
import { compare } from './compare';
import { library } from './library';
import { analytics } from './analytics';
import { settings } from './settings';

export const en = { ...shell, ...sidebar, ...chat, ...compare, ...library, ...analytics, ...settings };

/** The shape every language must have: the same keys, any strings. */
export type Translation = Strings<typeof en>;
export type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };
