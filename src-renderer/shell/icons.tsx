// Small line icons drawn in SVG (emoji fonts are not on every system). Decorative:
// the buttons they sit in carry the words.
import type { View } from '../state/ui-store';

const PATHS: Record<View | 'commands' | 'settings' | 'pin' | 'folder' | 'archive' | 'all' | 'cloud' | 'cloud-sync' | 'cloud-off' | 'alert' | 'team', string> = {
  chat: 'M4 5h16v10H9l-4 4v-4H4z',
  compare: 'M4 4h6v16H4zM14 4h6v16h-6z',
  personas: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21c0-4 4-6 8-6s8 2 8 6',
  pipelines: 'M6 6m-2 0a2 2 0 1 0 4 0a2 2 0 1 0-4 0M18 12m-2 0a2 2 0 1 0 4 0a2 2 0 1 0-4 0M6 18m-2 0a2 2 0 1 0 4 0a2 2 0 1 0-4 0M8 6h4l4 5M8 18h4l4-5',
  goals: 'M12 12m-8 0a8 8 0 1 0 16 0a8 8 0 1 0-16 0M12 12m-4 0a4 4 0 1 0 8 0a4 4 0 1 0-8 0M12 12h.01',
  analytics: 'M4 20h16M7 16v-5M12 16V6M17 16v-8',
  commands: 'M9 9V6a3 3 0 1 0-3 3h12a3 3 0 1 0-3-3v12a3 3 0 1 0 3-3H6a3 3 0 1 0 3 3z',
  settings: 'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM12 2v3M12 19v3M2 12h3M19 12h3M4.9 4.9l2.1 2.1M17 17l2.1 2.1M4.9 19.1L7 17M17 7l2.1-2.1',
  pin: 'M9 4h6l-1 6 3 3H7l3-3zM12 13v7',
  folder: 'M3 6a1 1 0 0 1 1-1h5l2 2h9a1 1 0 0 1 1 1v10a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1z',
  archive: 'M3 4h18v4H3zM5 8v12h14V8M10 12h4',
  all: 'M4 6h16M4 12h16M4 18h16',
  cloud: 'M7 18h10a4 4 0 0 0 .5-7.97A6 6 0 0 0 6 11a3.5 3.5 0 0 0 1 7z',
  'cloud-sync': 'M7 18h10a4 4 0 0 0 .5-7.97A6 6 0 0 0 6 11a3.5 3.5 0 0 0 1 7zM10 13l2-2 2 2M12 11v5',
  'cloud-off': 'M7 18h10M6 11a3.5 3.5 0 0 0 1 7M17.5 10.03A6 6 0 0 0 9 6.5M3 3l18 18',
  alert: 'M12 3l10 18H2zM12 10v5M12 18h.01',
  team: 'M9 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM3 20c0-3 3-5 6-5s6 2 6 5M16 11a3 3 0 1 0 0-6M18 15c2 .5 3 2.5 3 5',
};

export function Icon({ name, size = 20 }: { name: keyof typeof PATHS; size?: number }) {
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      className="icon-svg"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
