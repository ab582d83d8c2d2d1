'use client';
import * as React from 'react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { CheckCircle2, RefreshCw, Upload } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { ProgressBar } from '@/components/forms/progress-bar';
import { putWithProgress } from '@/components/forms/upload-field';
import { confirmPhotoAction } from '@/lib/modules/exam/photo/actions/confirm-photo';
import { requestPhotoUploadAction } from '@/lib/modules/exam/photo/actions/request-photo-upload';
import { uploadPhotoAction } from '@/lib/modules/exam/photo/actions/upload-photo';
import { photoHref } from '@/lib/modules/exam/photo/files';
import type { PhotoView } from '@/lib/modules/exam/photo/schemas';
import { examPhotoSlot } from '@/lib/modules/exam/photo/standard';
import { acceptOf, formatBytes } from '@/lib/platform/documents/slots';
import { cn } from '@/lib/utils';

type Progress = { name: string; percent: number; phase: 'uploading' | 'checking' };

/**
 * The candidate's ID photo: upload (progress bar, the server's refusal next
 * to the field), then the source and the standard photo side by side with
 * their sizes, and 确认使用此照片 / 重新上传. The server decides everything;
 * this only shows it.
 */
export function PhotoPanel({ initial, changeAllowed }: { initial: PhotoView | null; changeAllowed: boolean }) {
  const t = useTranslations('examPhoto.page');
  const format = useFormatter();
  const router = useRouter();
  const inputRef = React.useRef<HTMLInputElement>(null);
  const [photo, setPhoto] = React.useState<PhotoView | null>(initial);
  const [progress, setProgress] = React.useState<Progress | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [notice, setNotice] = React.useState<string | null>(null);
  const [confirming, setConfirming] = React.useState(false);
  const [dragging, setDragging] = React.useState(false);
  const busy = progress !== null || confirming;

  async function upload(file: File) {
    setError(null);
    setNotice(null);
    setProgress({ name: file.name, percent: 0, phase: 'uploading' });
    try {
      const grant = await requestPhotoUploadAction({ fileName: file.name, size: file.size, contentType: file.type });
      if (!grant.ok) return setError(grant.message);
      try {
        await putWithProgress(grant.data.url, grant.data.headers, file, (percent) => setProgress((p) => p && { ...p, percent }));
      } catch {
        return setError(t('network'));
      }
      setProgress((p) => p && { ...p, percent: 100, phase: 'checking' });
      const done = await uploadPhotoAction({ ticket: grant.data.ticket });
      if (!done.ok) return setError(done.message);
      setPhoto(done.data);
      setNotice(t('uploaded'));
      router.refresh();
    } finally {
      setProgress(null);
    }
  }

  function pick() {
    if (!inputRef.current) return;
    inputRef.current.value = '';
    inputRef.current.click();
  }

  async function confirm() {
    setError(null);
    setNotice(null);
    setConfirming(true);
    try {
      const r = await confirmPhotoAction({});
      if (!r.ok) return setError(r.message);
      // Keep the source's pixel size shown after the upload; the server's view does not know it.
      setPhoto((p) => ({ ...r.data, original: p && p.version === r.data.version ? p.original : r.data.original }));
      setNotice(t('confirmedNotice'));
      router.refresh();
    } finally {
      setConfirming(false);
    }
  }

  const sizeLine = (s: { bytes: number | null; width: number | null; height: number | null }) =>
    s.bytes === null ? null : s.width && s.height ? t('sizeLine', { size: formatBytes(s.bytes), width: s.width, height: s.height }) : t('sizeOnly', { size: formatBytes(s.bytes) });

  const pending = photo !== null && photo.confirmedAt === null;

  return (
    <div className="flex flex-col gap-4">
      {/* Above the photo, so the answer to an upload or a confirmation is seen without scrolling. */}
      {error && (
        <p role="alert" className="text-sm text-danger" data-testid="exam-photo-error">
          {error}
        </p>
      )}
      {notice && !error && (
        <p role="status" className="flex flex-wrap items-center gap-2 text-sm text-green-700" data-testid="exam-photo-notice">
          {notice}
          {photo?.confirmedAt && (
            <Link href="/portal/exam" className="text-primary underline-offset-4 hover:underline">
              {t('toExam')}
            </Link>
          )}
        </p>
      )}
      {photo && (
        <Card data-testid="exam-photo-current">
          <CardHeader className="flex flex-row flex-wrap items-center gap-2">
            <CardTitle>{pending ? t('reviewTitle') : t('currentTitle')}</CardTitle>
            {pending ? <Badge tone="warning">{t('unconfirmed')}</Badge> : <Badge tone="success">{t('confirmed')}</Badge>}
            <span className="text-sm text-muted-foreground">{t('background', { color: t(`colors.${photo.background}`) })}</span>
          </CardHeader>
          <CardContent className="flex flex-col gap-4">
            {pending && <p className="text-sm text-muted-foreground">{t('reviewIntro')}</p>}
            <div className="flex flex-wrap items-end gap-6">
              <figure className="flex flex-col gap-2" data-testid="exam-photo-original">
                {/* eslint-disable-next-line @next/next/no-img-element -- a private, authorized image: no optimizer in front of it */}
                <img src={photoHref('original', photo.version)} alt={t('originalAlt')} className="h-[300px] w-auto max-w-[min(100%,24rem)] rounded border border-border bg-muted object-contain" />
                <figcaption className="text-sm">
                  <span className="font-medium">{t('original')}</span>
                  <span className="block text-xs text-muted-foreground">{sizeLine(photo.original)}</span>
                </figcaption>
              </figure>
              <figure className="flex flex-col gap-2" data-testid="exam-photo-standard">
                {/* eslint-disable-next-line @next/next/no-img-element -- a private, authorized image shown at its real size */}
                <img src={photoHref('standard', photo.version)} alt={t('standardAlt')} width={photo.standard.width} height={photo.standard.height} className="rounded border border-border" />
                <figcaption className="text-sm">
                  <span className="font-medium">{t('standard')}</span>
                  <span className="block text-xs text-muted-foreground">{sizeLine(photo.standard)}</span>
                </figcaption>
              </figure>
            </div>
            {!pending && photo.confirmedAt && <p className="text-xs text-muted-foreground">{t('confirmedAt', { time: format.dateTime(new Date(photo.confirmedAt), 'datetime') })}</p>}
            {changeAllowed && (
              <div className="flex flex-wrap gap-2">
                {pending && (
                  <Button type="button" onClick={() => void confirm()} disabled={busy}>
                    <CheckCircle2 className="h-4 w-4" aria-hidden />
                    {confirming ? t('confirming') : t('confirm')}
                  </Button>
                )}
                <Button type="button" variant="outline" onClick={pick} disabled={busy}>
                  <RefreshCw className="h-4 w-4" aria-hidden />
                  {pending ? t('reupload') : t('change')}
                </Button>
              </div>
            )}
            {changeAllowed && !pending && <p className="text-xs text-muted-foreground">{t('reconfirmHint')}</p>}
          </CardContent>
        </Card>
      )}

      {!photo && !changeAllowed && <p className="text-sm text-muted-foreground">{t('none')}</p>}
      {!changeAllowed && (
        <p role="status" className="text-sm text-amber-800">
          {t('changeClosed')}
        </p>
      )}

      {changeAllowed && (
        <Card>
          <CardHeader>
            <CardTitle>{t('uploadTitle')}</CardTitle>
          </CardHeader>
          <CardContent className="flex flex-col gap-2">
            <div
              role="group"
              aria-label={t('dropZone')}
              onDragOver={(e) => {
                e.preventDefault();
                setDragging(true);
              }}
              onDragLeave={() => setDragging(false)}
              onDrop={(e) => {
                e.preventDefault();
                setDragging(false);
                const f = e.dataTransfer.files[0];
                if (f && !busy) void upload(f);
              }}
              className={cn(
                'flex flex-wrap items-center gap-3 rounded-md border border-dashed px-4 py-3 transition-colors',
                dragging ? 'border-primary bg-primary-soft' : 'border-border bg-white',
                error && 'border-danger',
              )}
            >
              <input
                ref={inputRef}
                type="file"
                className="sr-only"
                tabIndex={-1}
                accept={acceptOf(examPhotoSlot.types)}
                aria-label={t('inputLabel')}
                data-testid="exam-photo-input"
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  if (f) void upload(f);
                }}
              />
              <Button type="button" variant="outline" size="sm" onClick={pick} disabled={busy}>
                <Upload className="h-4 w-4" aria-hidden />
                {t('choose')}
              </Button>
              <span className="text-xs text-muted-foreground">{dragging ? t('dropActive') : t('drop')}</span>
              <span className="w-full text-xs text-muted-foreground">{t('allowed', { max: formatBytes(examPhotoSlot.maxBytes) })}</span>
            </div>
            {progress && (
              <div aria-live="polite">
                <ProgressBar percent={progress.percent} label={t('uploading', { name: progress.name })} note={progress.phase === 'checking' ? t('checking') : undefined} />
              </div>
            )}
          </CardContent>
        </Card>
      )}

    </div>
  );
}
