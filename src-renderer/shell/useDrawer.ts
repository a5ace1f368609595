// The conversation drawer of a narrow window, seen from the frame: whether it is
// open, where focus goes when it closes into a view, and closing it when the
// window grows wide enough to show the sidebar beside the view (the menu button
// is hidden then, shell.css).
import { useEffect, useRef } from 'react';
import { useStores, useUiState } from '../state/context';

export function useDrawer(): boolean {
  const { ui } = useStores();
  const open = useUiState((s) => s.drawerOpen);

  useEffect(() => {
    if (!open) return;
    const closeWhenWide = () => {
      const menu = document.querySelector('.drawer-toggle');
      if (!menu || menu.getClientRects().length === 0) ui.closeDrawer('view');
    };
    window.addEventListener('resize', closeWhenWide);
    return () => window.removeEventListener('resize', closeWhenWide);
  }, [open, ui]);

  // Closed by a choice made in it (a conversation, New chat), focus goes into the view.
  const wasOpen = useRef(false);
  useEffect(() => {
    if (wasOpen.current && !open && ui.state.drawerReturn === 'view') {
      const active = document.activeElement;
      if (!active || active === document.body || active.closest('.sidebar')) document.getElementById('main')?.focus({ preventScroll: true });
    }
    wasOpen.current = open;
  }, [open, ui]);

  return open;
}
