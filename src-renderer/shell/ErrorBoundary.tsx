// One per view: a crash in a screen shows what happened and a way back, and the
// rest of the window keeps working. The details go to the console for a report.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { Translation } from 'react-i18next';
import { i18n } from '../i18n';

interface Props {
  /** The view's name, for the message. */
  area: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
  copied: boolean;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, copied: false };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)), copied: false };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(`[RealMultiLLM] ${this.props.area} failed`, error, info.componentStack);
  }

  private details(): string {
    const error = this.state.error;
    return `${this.props.area}: ${error?.name}: ${error?.message}\n${error?.stack ?? ''}`;
  }

  private copy = async () => {
    try {
      await navigator.clipboard.writeText(this.details());
      this.setState({ copied: true });
    } catch {
      this.setState({ copied: false });
    }
  };

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <Translation i18n={i18n}>
        {(t) => (
          <div className="view-crash" role="alert">
            <h2>{t('crash.title', { area: this.props.area })}</h2>
            <p>{t('crash.body')}</p>
            <pre className="view-crash-detail">{this.state.error?.message}</pre>
            <div className="form-actions">
              <button type="button" className="primary" onClick={() => this.setState({ error: null })}>
                {t('crash.retry')}
              </button>
              <button type="button" onClick={() => void this.copy()}>
                {this.state.copied ? t('crash.copied') : t('crash.copy')}
              </button>
            </div>
          </div>
        )}
      </Translation>
    );
  }
}
