// The application menu: the standard roles, so copy, paste, undo and zoom work by
// keyboard on every OS (macOS needs an Edit menu for them). Developer tools and
// reload appear only in development.
import { Menu, type MenuItemConstructorOptions } from 'electron';

export function installAppMenu(options: { isPackaged: boolean; platform: NodeJS.Platform }): void {
  const development: MenuItemConstructorOptions[] = options.isPackaged
    ? []
    : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }];
  const template: MenuItemConstructorOptions[] = [
    ...(options.platform === 'darwin' ? [{ role: 'appMenu' } as const] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...development,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
