// Each message's markdown has its own boundary: if rendering it ever throws, that
// message is shown as plain text with a note, and the rest of the conversation
// (and the conversation's next opening) is unaffected.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { PlainText } from './PlainText';

interface Props {
  text: string;
  children: ReactNode;
}

export class MarkdownBoundary extends Component<Props, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('[RealMultiLLM] a message could not be formatted; it is shown as plain text', error, info.componentStack);
  }

  override componentDidUpdate(previous: Props): void {
    // New text (a stream going on, another branch) gets another try.
    if (this.state.failed && previous.text !== this.props.text) this.setState({ failed: false });
  }

  override render() {
    return this.state.failed ? <PlainText text={this.props.text} reason="error" /> : this.props.children;
  }
}
