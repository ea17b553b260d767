import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import './pane-splitter.css';

interface Props {
  label: string;
  value: number;
  min: number;
  max: number;
  /** While dragging or pressing keys. */
  onChange(width: number): void;
  /** Once the drag ends or after a key: the moment to store it. */
  onCommit(width: number): void;
}

const KEY_STEP = 16;

/** A vertical bar between two panes: drag it, or focus it and use the arrow keys, Home and End. */
export function PaneSplitter({ label, value, min, max, onChange, onCommit }: Props) {
  const drag = useRef<{ startX: number; startWidth: number; width: number } | null>(null);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { startX: event.clientX, startWidth: value, width: value };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    drag.current.width = drag.current.startWidth + event.clientX - drag.current.startX;
    onChange(drag.current.width);
  };
  const onPointerUp = () => {
    if (!drag.current) return;
    onCommit(drag.current.width);
    drag.current = null;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next =
      event.key === 'ArrowLeft' ? value - KEY_STEP : event.key === 'ArrowRight' ? value + KEY_STEP : event.key === 'Home' ? min : event.key === 'End' ? max : null;
    if (next === null) return;
    event.preventDefault();
    onChange(next);
    onCommit(next);
  };

  return (
    <div
      className="pane-splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
