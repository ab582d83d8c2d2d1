'use client';
import * as React from 'react';
import { useTranslations } from 'next-intl';
import { ImageIcon, Trash2, Upload } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { ProgressBar } from '@/components/forms/progress-bar';
import { putWithProgress } from '@/components/forms/upload-field';
import { completeUploadAction } from '@/lib/platform/documents/actions/complete-upload';
import { requestUploadAction } from '@/lib/platform/documents/actions/request-upload';
import { acceptOf, MB } from '@/lib/platform/documents/slots';
import { STAFF_PHOTO_SLOT } from '@/lib/modules/membership/staff/fields';

const TYPES = ['jpg', 'png'] as const;
const MAX_BYTES = 5 * MB;

/**
 * A roster person's photo (optional): JPG/PNG ≤ 5 MB through the documents
 * platform (presigned PUT with a progress bar, then the server's content
 * check) into the enterprise's staff-photo slot. The form keeps the new
 * document's id; saving the person attaches it (the server checks it belongs
 * to the enterprise).
 */
export function StaffPhotoField({
  id,
  value,
  initialUrl,
  onChange,
  error,
  personName,
}: {
  id: string;
  value: string;
  /** The saved photo's URL (editing), shown until another is chosen. */
  initialUrl: string | null;
  onChange: (documentId: string) => void;
  error?: string;
  personName: string;
}) {
  const t = useTranslations('membershipStaff.photo');
  const inputRef = React.useRef<HTMLInputElement>(null);
  const [preview, setPreview] = React.useState<string | null>(value ? initialUrl : null);
  const [progress, setProgress] = React.useState<{ percent: number; checking: boolean } | null>(null);
  const [problem, setProblem] = React.useState<string | null>(null);

  async function upload(file: File) {
    setProblem(null);
    if (!/\.(jpe?g|png)$/i.test(file.name) && !/^image\/(jpeg|png)$/.test(file.type)) return setProblem(t('wrongType'));
    if (file.size > MAX_BYTES) return setProblem(t('tooLarge'));
    setProgress({ percent: 0, checking: false });
    try {
      const grant = await requestUploadAction({ slot: STAFF_PHOTO_SLOT, fileName: file.name, size: file.size, contentType: file.type });
      if (!grant.ok) return setProblem(grant.message);
      await putWithProgress(grant.data.url, grant.data.headers, file, (percent) => setProgress({ percent, checking: false }));
      setProgress({ percent: 100, checking: true });
      const done = await completeUploadAction({ ticket: grant.data.ticket });
      if (!done.ok) return setProblem(done.message);
      setPreview(done.data.href);
      onChange(done.data.id);
    } catch {
      setProblem(t('failed'));
    } finally {
      setProgress(null);
      if (inputRef.current) inputRef.current.value = '';
    }
  }

  const shown = problem ?? error;
  return (
    <div className="flex flex-col gap-2" data-testid="staff-photo-field">
      <span id={`${id}-label`} className="text-sm font-medium text-slate-700">
        {t('label')} <span className="text-xs font-normal text-muted-foreground">{t('hint')}</span>
      </span>
      <div className="flex items-start gap-4">
        <div className="flex h-32 w-24 shrink-0 items-center justify-center overflow-hidden rounded-md border border-border bg-muted">
          {preview ? (
            // eslint-disable-next-line @next/next/no-img-element -- an authorized, private file: no image optimizer in between
            <img src={preview} alt={t('alt', { name: personName || t('person') })} className="h-full w-full object-cover" data-testid="staff-photo-preview" />
          ) : (
            <ImageIcon className="h-8 w-8 text-muted-foreground" aria-label={t('none')} />
          )}
        </div>
        <div className="flex flex-col gap-2">
          <input
            ref={inputRef}
            id={id}
            type="file"
            className="sr-only"
            accept={acceptOf(TYPES as unknown as ('jpg' | 'png')[])}
            aria-labelledby={`${id}-label`}
            onChange={(e) => {
              const f = e.target.files?.[0];
              if (f) void upload(f);
            }}
          />
          <div className="flex flex-wrap gap-2">
            <Button type="button" variant="outline" size="sm" disabled={!!progress} onClick={() => inputRef.current?.click()}>
              <Upload className="h-4 w-4" aria-hidden />
              {preview ? t('replace') : t('choose')}
            </Button>
            {preview && (
              <Button
                type="button"
                variant="ghost"
                size="sm"
                disabled={!!progress}
                onClick={() => {
                  setPreview(null);
                  onChange('');
                }}
              >
                <Trash2 className="h-4 w-4" aria-hidden />
                {t('remove')}
              </Button>
            )}
          </div>
          {progress && <ProgressBar percent={progress.percent} label={t('uploading')} note={progress.checking ? t('checking') : undefined} />}
          {shown && (
            <p role="alert" className="text-sm text-danger" data-testid={`${id}-error`}>
              {shown}
            </p>
          )}
        </div>
      </div>
    </div>
  );
}
