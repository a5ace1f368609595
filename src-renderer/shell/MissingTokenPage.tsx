// Shown in a plain browser opened without the browser host's access token.
import { Trans } from 'react-i18next';
import { i18n } from '../i18n';
import './shell.css';

export function MissingTokenPage() {
  return (
    <main className="fullpage">
      <h1>RealMultiLLM</h1>
      <p>
        <Trans i18n={i18n} i18nKey="missingToken" components={{ code: <code /> }} />
      </p>
    </main>
  );
}
