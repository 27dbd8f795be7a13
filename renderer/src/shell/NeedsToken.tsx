// Browser mode without a token (or with one the server refused): say how to get in.
export function NeedsToken({ refused }: { refused: boolean }) {
  return (
    <div className="gate" data-testid="needs-token">
      <div className="gate-box">
        <div className="brand gate-brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">Lifeboat</span>
        </div>
        <h1 className="gate-title">{refused ? 'This console refused the access token' : 'This console needs its access token'}</h1>
        <p>
          {refused
            ? 'The token in this tab is not the one the running server expects. The server makes a new token every time it starts, so an old link stops working.'
            : 'Lifeboat serves the console on this machine only, and every request must carry the token the server printed when it started.'}
        </p>
        <p>Open the URL printed by the server; it ends in <code>#token=…</code>:</p>
        <pre className="gate-cmd">{`$ lifeboat serve --state /path/to/state
Lifeboat console: http://127.0.0.1:PORT/#token=…`}</pre>
        <p className="dim">
          Over an SSH tunnel, forward the port and open the same URL locally. The token stays in this tab only and is removed from the
          address bar once read.
        </p>
      </div>
    </div>
  );
}
