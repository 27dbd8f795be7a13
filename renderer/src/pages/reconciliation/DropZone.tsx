// A place to drop a file, or to pick one: the whole area takes a drop, the button opens the picker.
import { useRef, useState, type ReactNode } from 'react';

export function DropZone({
  onFile,
  accept,
  testId,
  inputTestId,
  buttonLabel = 'Choose a file…',
  compact = false,
  children,
}: {
  onFile(file: File): void;
  accept?: string;
  testId?: string;
  inputTestId?: string;
  buttonLabel?: string;
  compact?: boolean;
  children?: ReactNode;
}) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  return (
    <div
      className={`dropzone${over ? ' over' : ''}${compact ? ' compact' : ''}`}
      data-testid={testId}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const file = e.dataTransfer.files[0];
        if (file) onFile(file);
      }}
    >
      {children}
      <button type="button" className="btn" onClick={() => input.current?.click()}>
        {buttonLabel}
      </button>
      <input
        ref={input}
        type="file"
        accept={accept}
        hidden
        data-testid={inputTestId}
        onChange={(e) => {
          const file = e.target.files?.[0];
          // The same file chosen again must still count as a choice.
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
    </div>
  );
}
