// An API error as the engine reported it: what went wrong, and where.
import type { ApiCallError } from '../api/errors';

export function ErrorPanel({ error, title, onRetry }: { error: ApiCallError; title?: string; onRetry?: () => void }) {
  return (
    <div className="error-panel" role="alert" data-testid="error-panel">
      <div className="error-head">
        <span className="error-code">{error.code}</span>
        <span className="error-title">{title ?? `${error.channel} failed`}</span>
        {onRetry ? (
          <button type="button" className="btn btn-small" onClick={onRetry}>
            Retry
          </button>
        ) : null}
      </div>
      <div className="error-message" data-testid="error-message">
        {error.message}
      </div>
      {error.where ? (
        <div className="error-where" data-testid="error-where">
          <span className="label">where</span> <code>{error.where}</code>
        </div>
      ) : null}
    </div>
  );
}
