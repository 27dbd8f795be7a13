// Export a run's report as CSV or JSON: the engine writes it, the browser saves it as a download.
import { useReconReport } from './store/report';

function download(fileName: string, contentType: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: contentType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download has its own copy once it starts; the URL can go a moment later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ExportButtons({ runId }: { runId: string }) {
  const exportAs = useReconReport((s) => s.exportAs);
  const exporting = useReconReport((s) => s.exporting);
  const exportError = useReconReport((s) => s.exportError);
  const run = async (format: 'csv' | 'json') => {
    const file = await exportAs(format);
    if (file) download(file.fileName, file.contentType, file.content);
  };
  return (
    <span className="rc-export" data-run-id={runId}>
      <button type="button" className="btn" onClick={() => void run('csv')} disabled={exporting !== null} data-testid="recon-export-csv">
        {exporting === 'csv' ? 'Exporting…' : 'Export CSV'}
      </button>
      <button type="button" className="btn" onClick={() => void run('json')} disabled={exporting !== null} data-testid="recon-export-json">
        {exporting === 'json' ? 'Exporting…' : 'Export JSON'}
      </button>
      {exportError ? (
        <span className="rc-bad" data-testid="recon-export-error" title={exportError.where}>
          {exportError.message}
        </span>
      ) : null}
    </span>
  );
}
