// Floating controls (the Highlight button, the note popovers) sit beside something in a pane that
// scrolls. Rather than listen to every scroller, the rectangle is read once a frame while shown.
import { useEffect, useRef, useState } from 'react';

/** The rectangle `measure` returns, kept current while `measure` is given; null when it finds nothing. */
export function useFollowedRect(measure: (() => DOMRect | null) | null): DOMRect | null {
  const [rect, setRect] = useState<DOMRect | null>(null);
  const measureRef = useRef(measure);
  measureRef.current = measure;
  const active = measure !== null;

  useEffect(() => {
    if (!active) {
      setRect(null);
      return;
    }
    let frame = 0;
    let last: DOMRect | null = null;
    const follow = () => {
      const next = measureRef.current?.() ?? null;
      if (!sameRect(last, next)) {
        last = next;
        setRect(next);
      }
      frame = requestAnimationFrame(follow);
    };
    follow();
    return () => cancelAnimationFrame(frame);
  }, [active]);

  return rect;
}

const sameRect = (a: DOMRect | null, b: DOMRect | null) =>
  a === b || (a !== null && b !== null && a.top === b.top && a.left === b.left && a.width === b.width && a.height === b.height);

const MARGIN = 8;

/**
 * Where a floating box of the given size goes: below the rectangle, or above it near the window's
 * bottom; always inside the window, so it can be reached whatever has scrolled.
 */
export function placeBeside(rect: DOMRect, box: { width: number; height: number }, gap = 6): { top: number; left: number } {
  const below = rect.bottom + gap;
  const above = rect.top - gap - box.height;
  const preferred = below + box.height > window.innerHeight - MARGIN && above > MARGIN ? above : below;
  const top = Math.min(Math.max(MARGIN, preferred), Math.max(MARGIN, window.innerHeight - box.height - MARGIN));
  const left = Math.min(Math.max(MARGIN, rect.left), Math.max(MARGIN, window.innerWidth - box.width - MARGIN));
  return { top, left };
}
