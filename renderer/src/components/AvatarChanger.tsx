import { useRef, useState, type ChangeEvent } from 'react';
import { maxAvatarUploadBytes } from '../../../shared/limits';
import { useAvatars } from '../stores/avatarStore';
import { useConnectivity } from '../stores/connectivityStore';
import { useProfiles } from '../stores/profileStore';
import { ConfirmDialog } from './ConfirmDialog';
import { Notice } from './Notice';
import { useMomentaryNotice } from '../forms/useMomentaryNotice';

const imageTypes = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];

type Step =
  | { kind: 'idle' }
  | { kind: 'reading'; loaded: number; total: number }
  | { kind: 'preview'; dataUrl: string; contentType: string; name: string }
  | { kind: 'uploading'; dataUrl: string };

/**
 * Change the avatar: pick a picture, see it, upload it (online only, never queued), or
 * go back to the server's default. Type and size are checked before anything is sent.
 * While the server cannot be reached the buttons are off; the app-wide banner says why.
 */
export function AvatarChanger({ accountId, serverId }: { accountId: string; serverId: string }) {
  const online = useConnectivity((state) => state.online[serverId] ?? true);
  const locked = useProfiles((state) => state.views[accountId]?.workspace.locked.avatar);
  const send = useAvatars((state) => state.upload);
  const resetToDefault = useAvatars((state) => state.reset);
  const input = useRef<HTMLInputElement>(null);
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const { notice: message, show, clear } = useMomentaryNotice<{ text: string; error: boolean }>();
  // An error stays while it is true; "changed" belongs to its moment.
  const setMessage = (next: { text: string; error: boolean } | null) => (next ? show(next, { lasts: next.error }) : clear());
  const [confirmReset, setConfirmReset] = useState(false);

  const pick = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (!imageTypes.includes(file.type))
      return setMessage({ text: 'That file is not an image. Choose a PNG, JPEG, GIF or WebP picture.', error: true });
    if (file.size > maxAvatarUploadBytes)
      return setMessage({ text: `The picture is ${(file.size / 1024 / 1024).toFixed(1)} MB; avatars may be at most 1 MB.`, error: true });
    setMessage(null);
    const reader = new FileReader();
    reader.onprogress = (progress) => setStep({ kind: 'reading', loaded: progress.loaded, total: progress.total || file.size });
    reader.onerror = () => {
      setStep({ kind: 'idle' });
      setMessage({ text: 'The picture could not be read from the disk.', error: true });
    };
    reader.onload = () => setStep({ kind: 'preview', dataUrl: String(reader.result), contentType: file.type, name: file.name });
    setStep({ kind: 'reading', loaded: 0, total: file.size });
    reader.readAsDataURL(file);
  };

  const upload = async (preview: Extract<Step, { kind: 'preview' }>) => {
    setStep({ kind: 'uploading', dataUrl: preview.dataUrl });
    const answer = await send(accountId, preview.contentType, preview.dataUrl.slice(preview.dataUrl.indexOf(',') + 1));
    setStep({ kind: 'idle' });
    setMessage(answer.ok ? { text: 'Avatar changed.', error: false } : { text: answer.error.message, error: true });
  };

  const reset = async () => {
    setConfirmReset(false);
    const answer = await resetToDefault(accountId);
    setMessage(
      answer.ok ? { text: 'Your avatar is the server’s default again.', error: false } : { text: answer.error.message, error: true },
    );
  };

  // Not offered where the workspace forbids it: the sentence says so instead of the buttons.
  if (locked)
    return (
      <p className="hint avatar-changer" data-testid="avatar-locked">
        {locked}
      </p>
    );
  return (
    <div className="avatar-changer">
      <div className="actions">
        <button type="button" className="secondary small" disabled={!online || step.kind !== 'idle'} onClick={() => input.current?.click()}>
          Change avatar…
        </button>
        <button type="button" className="secondary small" disabled={!online || step.kind !== 'idle'} onClick={() => setConfirmReset(true)}>
          Use default avatar
        </button>
        <input
          ref={input}
          type="file"
          accept={imageTypes.join(',')}
          className="visually-hidden"
          aria-label="Choose a picture for your avatar"
          onChange={pick}
          tabIndex={-1}
        />
      </div>
      {step.kind === 'reading' && <progress aria-label="Reading the picture" max={step.total} value={step.loaded} />}
      {(step.kind === 'preview' || step.kind === 'uploading') && (
        <div className="avatar-preview" data-testid="avatar-preview">
          <img src={step.dataUrl} alt="Preview of your new avatar" />
          {step.kind === 'preview' ? (
            <div className="actions">
              {/* How it went shows on screen; an event handler has nobody to hand the promise to. */}
              <button type="button" onClick={() => void upload(step)}>
                Upload
              </button>
              <button type="button" className="secondary" onClick={() => setStep({ kind: 'idle' })}>
                Cancel
              </button>
            </div>
          ) : (
            <progress aria-label="Uploading the avatar" />
          )}
        </div>
      )}
      {message && (
        <Notice tone={message.error ? 'error' : 'success'} testId="avatar-message">
          {message.text}
        </Notice>
      )}
      <ConfirmDialog
        open={confirmReset}
        title="Use the default avatar?"
        message="Your uploaded picture will be removed from the server; the server's letter avatar takes its place."
        confirmLabel="Use default"
        onCancel={() => setConfirmReset(false)}
        // How it went shows on screen; an event handler has nobody to hand the promise to.
        onConfirm={() => void reset()}
      />
    </div>
  );
}
