// A CSV's column mapping: which header column holds each field. Left on "by header name", the
// engine finds the field itself (symbol, quantity, avg_price, …). A mapping file in the CLI's
// shape ({ columns, symbols }) fills the boxes and adds symbol mappings for this run.
import { DropZone } from './DropZone';
import { useReconStart } from './store/start';
import { MAPPING_FIELDS } from './model/csv';

const DELIMITER_NAME: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

export function CsvMappingPanel() {
  const csv = useReconStart((s) => s.csv);
  const columns = useReconStart((s) => s.columns);
  const setColumn = useReconStart((s) => s.setColumn);
  const mapping = useReconStart((s) => s.mapping);
  const loadMappingFile = useReconStart((s) => s.loadMappingFile);
  const header = csv?.columns ?? [];

  return (
    <section className="panel rc-panel" data-testid="recon-mapping">
      <h2 className="panel-title">
        CSV columns
        {csv ? (
          <span className="rc-title-note">
            {header.length} columns, {DELIMITER_NAME[csv.delimiter]}-separated
          </span>
        ) : null}
      </h2>
      <DropZone onFile={(f) => void loadMappingFile(f)} accept=".json,application/json" testId="recon-mapping-drop" inputTestId="recon-mapping-input" buttonLabel="Load a mapping file…" compact>
        {mapping ? (
          <div className="rc-file" data-testid="recon-mapping-file">
            <span className="rc-file-name">{mapping.fileName}</span>
            {mapping.problem ? (
              <span className="rc-bad" data-testid="recon-mapping-problem">
                {mapping.problem}
              </span>
            ) : (
              <span className="dim">
                {mapping.columns} column{mapping.columns === 1 ? '' : 's'}
                {mapping.symbols.mappings ? `, ${mapping.symbols.mappings} symbol mappings for ${mapping.symbols.accounts} account${mapping.symbols.accounts === 1 ? '' : 's'}` : ''}
              </span>
            )}
            <button type="button" className="btn btn-small btn-ghost" onClick={() => void loadMappingFile(null)} title="Forget the mapping file">
              ✕
            </button>
          </div>
        ) : (
          <span className="dim rc-drop-inline">{'{ "columns": {…}, "symbols": {…} }, as `lifeboat reconcile --mapping` takes'}</span>
        )}
      </DropZone>
      <div className="rc-map-grid">
        {MAPPING_FIELDS.map((f) => {
          const value = columns[f.key] ?? '';
          const unknown = value !== '' && !header.includes(value) && !/^\d+$/.test(value);
          return (
            <label key={f.key} className="rc-map-field" title={`Used for ${f.group}`}>
              <span className="rc-map-label">{f.label}</span>
              <select className={`input${unknown ? ' rc-input-bad' : ''}`} value={value} onChange={(e) => setColumn(f.key, e.target.value)} data-testid={`recon-map-${f.key}`}>
                <option value="">by header name</option>
                {header.map((h, i) => (
                  <option key={`${h}-${i}`} value={h}>
                    {h || `column ${i + 1}`}
                  </option>
                ))}
                {unknown ? <option value={value}>{value} (not in the header)</option> : null}
              </select>
            </label>
          );
        })}
      </div>
    </section>
  );
}
