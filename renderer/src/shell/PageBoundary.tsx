// Around the current page: a page whose code could not be fetched (the server went away before its
// chunk arrived) or that threw while drawing says so in an error panel with Retry, instead of
// leaving the content area blank; the rail and the header stay usable.
import { Component, type ReactNode } from 'react';
import { ApiCallError } from '../api/errors';
import { ErrorPanel } from '../components/ErrorPanel';

interface Props {
  /** The page's name, for the panel's title. */
  label: string;
  onRetry(): void;
  children: ReactNode;
}

export class PageBoundary extends Component<Props, { error: ApiCallError | null }> {
  override state = { error: null as ApiCallError | null };

  static getDerivedStateFromError(e: unknown) {
    return { error: pageError(e) };
  }

  private retry = () => {
    this.props.onRetry();
    this.setState({ error: null });
  };

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="page" data-testid="page-failed">
        <ErrorPanel error={error} title={`The ${this.props.label} page could not be shown`} onRetry={this.retry} />
      </div>
    );
  }
}

/** A failed chunk fetch as the file it wanted; anything else a page threw, as it said. */
function pageError(e: unknown): ApiCallError {
  if (e instanceof ApiCallError) return e;
  const message = e instanceof Error ? e.message : String(e);
  // Vite's loader says "Failed to fetch dynamically imported module: URL" or "Unable to preload CSS for PATH".
  const url = /((?:https?|file):\/\/\S+|\/assets\/\S+)/.exec(message)?.[1];
  if (url) {
    const where = `GET ${new URL(url, location.href).pathname}`;
    return new ApiCallError('page', { code: 'unreachable', message: 'The page’s code cannot be reached: the console’s server may have stopped.', where });
  }
  return new ApiCallError('page', { code: 'internal', message });
}
