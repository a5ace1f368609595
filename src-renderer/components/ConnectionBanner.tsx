// Tells the user when the browser host cannot be reached (never under Electron).
import { useAppState } from '../state/context';

export function ConnectionBanner() {
  const connection = useAppState((s) => s.connection);
  const everConnected = useAppState((s) => s.everConnected);
  if (connection !== 'reconnecting') return null;
  return (
    <p className="banner" role="status">
      {everConnected ? 'Lost the connection to RealMultiLLM.' : 'Cannot reach RealMultiLLM.'} Retrying… If you restarted{' '}
      <code>npm run start:web</code>, open the new address it printed: the access token changes on every start.
    </p>
  );
}
