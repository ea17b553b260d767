import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { useBackends } from '../../db/db-context';
import { setImageCap } from '../../db/image-cap';
import { forumsInOrder } from '../../db/queries';
import type { ForumRow } from '../../db/reader-db';
import {
  imageCapSetting,
  keepImagesSetting,
  MAX_IMAGE_CAP_MB,
  setKeepImages,
  READER_SETTINGS,
  setSetting,
  TEXT_SIZES,
  THEMES,
  useReaderSettings,
  type ReaderSettingKey,
  type ReaderSettings,
  type Setting,
  type TextSize,
  type Theme,
  useSetting,
} from '../../db/settings';
import { formatBytes } from '../../ui/format-bytes';
import './settings.css';

const THEME_WORDS: Record<Theme, string> = { system: 'Same as the system', light: 'Light', dark: 'Dark' };

/**
 * The stored settings with the person's latest choices laid over them until the database has
 * them: a control shows its new state at once, not one live-query round trip later.
 */
function useEditableSettings(): [ReaderSettings, <K extends ReaderSettingKey>(key: K, value: ReaderSettings[K]) => void] {
  const { db } = useBackends();
  const stored = useReaderSettings();
  const [pending, setPending] = useState<Partial<ReaderSettings>>({});
  useEffect(() => setPending({}), [stored]);
  const save = <K extends ReaderSettingKey>(key: K, value: ReaderSettings[K]) => {
    setPending((current) => ({ ...current, [key]: value }));
    void setSetting(db, READER_SETTINGS[key] as Setting<ReaderSettings[K]>, value);
  };
  return [{ ...stored, ...pending }, save];
}

/** How the reader looks and what it may load. Every change is stored at once. */
export function SettingsView() {
  const [settings, save] = useEditableSettings();

  return (
    <div className="tool-view settings-view">
      <h1>Settings</h1>
      <fieldset>
        <legend>Theme</legend>
        {THEMES.map((theme) => (
          <label key={theme} className="settings-choice">
            <input
              type="radio"
              name="theme"
              value={theme}
              checked={settings.theme === theme}
              onChange={() => save('theme', theme)}
            />
            {THEME_WORDS[theme]}
          </label>
        ))}
      </fieldset>

      <fieldset>
        <legend>Reading</legend>
        <label className="settings-row">
          <span>Text size</span>
          <select value={settings.textSize} onChange={(event) => save('textSize', Number(event.target.value) as TextSize)}>
            {TEXT_SIZES.map((size) => (
              <option key={size.px} value={size.px}>
                {size.label}
              </option>
            ))}
          </select>
        </label>
        <div className="settings-row">
          <button
            type="button"
            aria-pressed={settings.showSignatures}
            aria-describedby="show-signatures-help"
            onClick={() => save('showSignatures', !settings.showSignatures)}
          >
            Show signatures
          </button>
          <p id="show-signatures-help" className="settings-help">
            When off, a signature an author repeats is shown once, dimmed, and folded in their other posts.
          </p>
        </div>
      </fieldset>

      <fieldset>
        <legend>Privacy</legend>
        <label className="settings-choice">
          <input
            type="checkbox"
            checked={settings.loadRemoteImages}
            aria-describedby="remote-images-help"
            onChange={(event) => save('loadRemoteImages', event.target.checked)}
          />
          Load remote images
        </label>
        <p id="remote-images-help" className="settings-help">
          Images kept on other sites load only while this is on and the computer is online; they tell those sites when you read.
          Otherwise each shows as a placeholder with its description.
        </p>
        <KeepImagesSettings />
      </fieldset>
    </div>
  );
}

/** "Keep images offline", per forum: syncs fetch the pictures of the posts they bring, and the page shows only those. */
function KeepImagesSettings() {
  const { db } = useBackends();
  const forums = useLiveQuery(() => forumsInOrder(db), [db]);
  return (
    <>
      {forums?.map((forum) => <KeepImagesChoice key={forum.id} forum={forum} />)}
      <p id="keep-images-help" className="settings-help">
        A forum whose images are kept offline has the pictures of its kept posts stored on this computer, fetched after the posts at
        each sync, and shown from there: the reader never loads them from the forum or anywhere else, whatever the setting above.
        Pictures of posts kept before you turn it on come with the next syncs, after their text. Past a forum’s picture limit, the
        pictures of the threads read longest ago are removed first; a bookmarked or highlighted post keeps its pictures.
      </p>
    </>
  );
}

function KeepImagesChoice({ forum }: { forum: ForumRow }) {
  const { db } = useBackends();
  const stored = useSetting(db, keepImagesSetting(forum.id), null);
  // The choice shows at once, not one live-query round trip later (as useEditableSettings does).
  const [chosen, setChosen] = useState<boolean | null>(null);
  useEffect(() => setChosen(null), [stored]);
  const keep = chosen ?? stored;
  if (keep === null) return null;
  const choose = (value: boolean) => {
    setChosen(value);
    void setKeepImages(db, forum.id, value);
  };
  return (
    <div className="settings-keep-images">
      <label className="settings-choice">
        <input type="checkbox" checked={keep} aria-describedby="keep-images-help" onChange={(event) => choose(event.target.checked)} />
        Keep images offline from {forum.name}
      </label>
      {keep && <ImageCapInput forum={forum} />}
    </div>
  );
}

/**
 * The forum's picture limit in MB, beside the choice that keeps them: saved when the field is left
 * or Enter is pressed, and applied at once (the Storage view shows it).
 */
function ImageCapInput({ forum }: { forum: ForumRow }) {
  const { db } = useBackends();
  const cap = useSetting(db, imageCapSetting(forum.id), null);
  const [text, setText] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  if (cap === null) return null;
  const save = () => {
    const value = Number(text);
    setText(null);
    if (text === null || !Number.isFinite(value) || value < 1 || Math.round(value) === cap) return;
    setNote(null);
    void setImageCap(db, forum.id, value).then((outcome) => {
      if (outcome.freedBytes > 0) setNote(`Removed ${formatBytes(outcome.freedBytes)} of pictures from the threads of ${forum.name} read longest ago, to stay under ${Math.round(value).toLocaleString('en')} MB.`);
      else if (outcome.overCap) setNote(`${forum.name} keeps ${formatBytes(outcome.bytes)} of pictures, more than its limit: they belong to bookmarked or highlighted posts, which keep their pictures.`);
    });
  };
  return (
    <>
      <label className="settings-cap">
        Up to{' '}
        <input
          type="number"
          min={1}
          max={MAX_IMAGE_CAP_MB}
          aria-label={`Picture limit for ${forum.name} (MB)`}
          value={text ?? String(cap)}
          onChange={(event) => setText(event.target.value)}
          onBlur={save}
          onKeyDown={(event) => event.key === 'Enter' && save()}
        />{' '}
        MB of its pictures
      </label>
      {note && (
        <p className="settings-help settings-cap-note" aria-live="polite">
          {note}
        </p>
      )}
    </>
  );
}
