// The window: conversations on the left, the open chat on the right, the
// provider settings in a dialog, and one polite live region for finished replies.
import { Announcer } from './Announcer';
import { ChatView } from './ChatView';
import { SettingsDialog } from './SettingsDialog';
import { Sidebar } from './Sidebar';

export function App() {
  return (
    <div className="app">
      <Sidebar />
      <main className="chat">
        <ChatView />
      </main>
      <Announcer />
      <SettingsDialog />
    </div>
  );
}
