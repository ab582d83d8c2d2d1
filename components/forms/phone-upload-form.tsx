'use client';
import * as React from 'react';
import { useFormatter, useTranslations } from 'next-intl';
import { Camera, CheckCircle2, ImageUp } from 'lucide-react';
import { formatBytes, type SlotSpec } from '@/lib/platform/documents/slots';
import { cn } from '@/lib/utils';
import { ProgressBar } from './progress-bar';

/** Phone photos are often larger than a slot allows; a JPEG slot gets them scaled down on the phone first. */
const MAX_EDGE = 2400;

async function shrinkPhoto(file: File, maxBytes: number): Promise<File> {
  if (file.size <= maxBytes || !/^image\/(jpeg|png|webp|heic|heif)$/i.test(file.type)) return file;
  try {
    const bitmap = await createImageBitmap(file);
    for (const [edge, quality] of [[MAX_EDGE, 0.85], [1800, 0.8], [1400, 0.75]] as const) {
      const scale = Math.min(1, edge / Math.max(bitmap.width, bitmap.height));
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/jpeg', quality));
      if (blob && blob.size <= maxBytes) return new File([blob], file.name.replace(/\.[^.]*$/, '') + '.jpg', { type: 'image/jpeg' });
    }
  } catch {
    /* the server's size check will explain */
  }
  return file;
}

/** POSTs the raw file to the phone-upload route with progress; resolves with the route's JSON answer. */
function postWithProgress(url: string, file: File, onProgress: (p: number) => void): Promise<{ ok: boolean; message?: string; data?: { fileName: string } }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.setRequestHeader('X-File-Name', encodeURIComponent(file.name));
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      try {
        resolve(JSON.parse(xhr.responseText));
      } catch {
        reject(new Error(`status ${xhr.status}`));
      }
    };
    xhr.onerror = () => reject(new Error('network'));
    xhr.send(file);
  });
}

export function PhoneUploadForm({ token, slot, slotLabel, expiresAt, applicationNumber }: { token: string; slot: SlotSpec; slotLabel: string; expiresAt: string; applicationNumber: string | null }) {
  const t = useTranslations('documents.mobile');
  const tErr = useTranslations('documents.errors');
  const format = useFormatter();
  const [phase, setPhase] = React.useState<'ready' | 'compressing' | 'uploading' | 'done'>('ready');
  const [percent, setPercent] = React.useState(0);
  const [error, setError] = React.useState<string | null>(null);
  const [doneName, setDoneName] = React.useState('');
  const images = slot.types.filter((k) => k === 'jpg' || k === 'png');
  const accept = [images.length ? 'image/*' : null, slot.types.includes('pdf') ? 'application/pdf,.pdf' : null].filter(Boolean).join(',');

  async function send(list: FileList | null) {
    const original = list?.[0];
    if (!original) return;
    setError(null);
    let file = original;
    if (slot.types.includes('jpg') && original.size > slot.maxBytes) {
      setPhase('compressing');
      file = await shrinkPhoto(original, slot.maxBytes);
    }
    setPhase('uploading');
    setPercent(0);
    try {
      const r = await postWithProgress(`/api/phone-upload/${encodeURIComponent(token)}`, file, setPercent);
      if (r.ok && r.data) {
        setDoneName(r.data.fileName);
        setPhase('done');
        return;
      }
      setError(r.message ?? tErr('network'));
    } catch {
      setError(tErr('network'));
    }
    setPhase('ready');
  }

  if (phase === 'done') {
    return (
      <div role="status" className="flex flex-col items-center gap-3 py-6 text-center">
        <CheckCircle2 className="h-12 w-12 text-green-600" aria-hidden />
        <p className="text-lg font-semibold">{t('done')}</p>
        <p className="text-sm text-muted-foreground">{t('doneFile', { name: doneName })}</p>
      </div>
    );
  }

  const busy = phase !== 'ready';
  return (
    <div className="flex flex-col gap-4">
      <div className="text-sm">
        <p className="font-medium">{t('target', { slot: slotLabel })}</p>
        {applicationNumber && <p className="text-muted-foreground">{t('application', { number: applicationNumber })}</p>}
        <p className="mt-1 text-muted-foreground">
          {t('hint', { types: slot.types.map((k) => k.toUpperCase()).join('/'), max: formatBytes(slot.maxBytes), time: format.dateTime(new Date(expiresAt), { hour: '2-digit', minute: '2-digit', hour12: false }) })}
        </p>
      </div>
      {images.length > 0 && (
        <label className={cn('rounded-md focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-primary', busy && 'pointer-events-none opacity-50')}>
          <input type="file" accept="image/*" capture="environment" className="sr-only" disabled={busy} onChange={(e) => void send(e.target.files)} data-testid="phone-take" />
          <span className="flex h-14 w-full items-center justify-center gap-2 rounded-md bg-primary text-base font-medium text-primary-foreground">
            <Camera className="h-5 w-5" aria-hidden />
            {t('take')}
          </span>
        </label>
      )}
      <label className={cn('rounded-md focus-within:outline-2 focus-within:outline-offset-2 focus-within:outline-primary', busy && 'pointer-events-none opacity-50')}>
        <input type="file" accept={accept} className="sr-only" disabled={busy} onChange={(e) => void send(e.target.files)} data-testid="phone-pick" />
        <span className="flex h-14 w-full items-center justify-center gap-2 rounded-md border border-border bg-white text-base font-medium">
          <ImageUp className="h-5 w-5" aria-hidden />
          {t('pick')}
        </span>
      </label>
      {phase === 'compressing' && <p role="status">{t('compressing')}</p>}
      {phase === 'uploading' && <ProgressBar percent={percent} label={t('uploading')} />}
      {error && (
        <p role="alert" className="text-sm text-danger" data-testid="phone-upload-error">
          {error}
        </p>
      )}
    </div>
  );
}
