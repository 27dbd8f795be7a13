// The per-account symbol mappings reconciliation uses on both sides of every run (the same table
// as `lifeboat reconcile symbols`): listed, added or changed, removed. Each change is audited by
// the engine (symbols.map / symbols.unmap); a mapping that is not one-to-one is refused by name.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { Account } from '../../../../shared/domain';
import { api } from '../../api/client';
import { asCallError } from '../../api/errors';

interface Mapping {
  accountId: string;
  brokerSymbol: string;
  symbol: string;
}

export function SymbolMappings() {
  const [mappings, setMappings] = useState<Mapping[] | null>(null);
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [form, setForm] = useState({ accountId: '', brokerSymbol: '', symbol: '' });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const load = useCallback(async () => {
    try {
      setMappings(await api.call('symbols.list', {}));
    } catch (e) {
      setMessage({ ok: false, text: asCallError('symbols.list', e).message });
    }
  }, []);
  useEffect(() => {
    void load();
    api.call('accounts.list', {}).then((a) => {
      setAccounts(a);
      setForm((f) => (f.accountId || !a.length ? f : { ...f, accountId: a[0].accountId }));
    }, () => undefined);
  }, [load]);

  const add = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api.call('symbols.set', form);
      setMessage({ ok: true, text: `Mapped ${form.brokerSymbol} to ${form.symbol} in ${form.accountId}.` });
      setForm((f) => ({ ...f, brokerSymbol: '', symbol: '' }));
      await load();
    } catch (err) {
      setMessage({ ok: false, text: asCallError('symbols.set', err).message });
    }
  };
  const remove = async (m: Mapping) => {
    try {
      await api.call('symbols.remove', { accountId: m.accountId, brokerSymbol: m.brokerSymbol });
      setMessage({ ok: true, text: `Removed the mapping of ${m.brokerSymbol} in ${m.accountId}.` });
      await load();
    } catch (err) {
      setMessage({ ok: false, text: asCallError('symbols.remove', err).message });
    }
  };

  return (
    <div className="st-field" data-testid="symbol-mappings">
      <div className="st-head">
        <span className="st-label">Symbol mappings</span>
      </div>
      <p className="st-desc">A broker’s symbol and the desk’s for it, per account (e.g. BTCUSDT → BTC/USDT), used on both sides of every reconciliation.</p>
      {mappings && mappings.length ? (
        <table className="st-table">
          <thead>
            <tr>
              <th>Account</th>
              <th>Broker symbol</th>
              <th>Desk symbol</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {mappings.map((m) => (
              <tr key={`${m.accountId} ${m.brokerSymbol}`} data-testid="symbol-mapping-row">
                <td>{m.accountId}</td>
                <td>
                  <code>{m.brokerSymbol}</code>
                </td>
                <td>
                  <code>{m.symbol}</code>
                </td>
                <td>
                  <button type="button" className="btn btn-small btn-ghost" onClick={() => void remove(m)} aria-label={`Remove the mapping of ${m.brokerSymbol} in ${m.accountId}`}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="dim">{mappings ? 'No mappings: broker symbols are matched as they are (spaces trimmed).' : 'Loading…'}</p>
      )}
      <form className="st-edit" onSubmit={(e) => void add(e)}>
        <select className="input" aria-label="Account" value={form.accountId} onChange={(e) => setForm({ ...form, accountId: e.target.value })}>
          {accounts.map((a) => (
            <option key={a.accountId} value={a.accountId}>
              {a.accountId}
            </option>
          ))}
        </select>
        <input className="input st-sym" aria-label="Broker symbol" placeholder="Broker symbol" value={form.brokerSymbol} onChange={(e) => setForm({ ...form, brokerSymbol: e.target.value })} spellCheck={false} />
        <span className="dim">→</span>
        <input className="input st-sym" aria-label="Desk symbol" placeholder="Desk symbol" value={form.symbol} onChange={(e) => setForm({ ...form, symbol: e.target.value })} spellCheck={false} />
        <button type="submit" className="btn btn-small" disabled={!form.accountId || !form.brokerSymbol.trim() || !form.symbol.trim()}>
          Add mapping
        </button>
      </form>
      <p className={`st-outcome${message ? (message.ok ? ' ok' : ' bad') : ''}`} role={message && !message.ok ? 'alert' : undefined}>
        {message?.text ?? ''}
      </p>
    </div>
  );
}
