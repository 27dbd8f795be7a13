// Taking a checkpoint by hand: a type and an optional label.
import { useEffect, useRef, useState } from 'react';
import type { CheckpointType } from '../../../../shared/api/checkpoints';
import { useDismiss } from '../../hooks/useDismiss';
import { useCheckpoints } from './store/catalog';
import { MANUAL_TYPES, TYPE_LABEL } from './model/labels';

export function CreateCheckpoint() {
  const [open, setOpen] = useState(false);
  const [type, setType] = useState<CheckpointType>('manual');
  const [label, setLabel] = useState('');
  const creating = useCheckpoints((s) => s.creating);
  const createError = useCheckpoints((s) => s.createError);
  const create = useCheckpoints((s) => s.create);
  const box = useRef<HTMLDivElement>(null);
  const input = useRef<HTMLInputElement>(null);

  useDismiss(box, open, () => setOpen(false));
  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);

  const submit = async () => {
    const info = await create(type, label);
    if (info) {
      setOpen(false);
      setLabel('');
    }
  };

  return (
    <div className="cp-create" ref={box}>
      <button type="button" className="btn btn-primary" onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="take-checkpoint">
        Take checkpoint
      </button>
      {open ? (
        <form
          className="cp-create-menu"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
          data-testid="take-checkpoint-form"
        >
          <label className="field-stack">
            <span className="field-label">Type</span>
            <select className="input" value={type} onChange={(e) => setType(e.target.value as CheckpointType)} data-testid="take-checkpoint-type">
              {MANUAL_TYPES.map((t) => (
                <option key={t} value={t}>
                  {TYPE_LABEL[t]}
                </option>
              ))}
            </select>
          </label>
          <label className="field-stack">
            <span className="field-label">Label (optional)</span>
            <input
              ref={input}
              className="input"
              value={label}
              maxLength={200}
              onChange={(e) => setLabel(e.target.value)}
              placeholder="e.g. before deploying v2.3"
              data-testid="take-checkpoint-label"
              spellCheck={false}
            />
          </label>
          {createError ? <div className="cp-error">{createError.message}</div> : null}
          <div className="cp-create-foot">
            <span className="dim">Copies the live state; unchanged chunks are shared.</span>
            <button type="submit" className="btn btn-primary" disabled={creating} data-testid="take-checkpoint-submit">
              {creating ? 'Taking…' : 'Take'}
            </button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
