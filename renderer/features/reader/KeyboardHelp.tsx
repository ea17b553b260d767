import { useEffect, useRef } from 'react';
import { KEY_BINDINGS } from './keyboard-map';
import { useReading } from './reading-store';

/** The "Keyboard shortcuts" dialog: every key of the reader, from the same table the keys use. */
export function KeyboardHelp() {
  const open = useReading((s) => s.helpOpen);
  const setOpen = useReading((s) => s.setHelpOpen);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <dialog ref={dialog} className="keyboard-help" aria-labelledby="keyboard-help-title" onClose={() => setOpen(false)}>
      <h2 id="keyboard-help-title">Keyboard shortcuts</h2>
      <table>
        <tbody>
          {KEY_BINDINGS.map((binding) => (
            <tr key={binding.keys.join(' ')}>
              <th scope="row">
                {binding.keys.map((key, i) => (
                  <span key={i}>
                    {i > 0 && ' then '}
                    <kbd>{key}</kbd>
                  </span>
                ))}
              </th>
              <td>{binding.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" autoFocus onClick={() => setOpen(false)}>
        Close
      </button>
    </dialog>
  );
}
