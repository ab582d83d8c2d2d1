'use client';
import * as React from 'react';
import { useTranslations } from 'next-intl';
import { Download, FileText, Trash2, Upload } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ProgressBar } from '@/components/forms/progress-bar';
import { putWithProgress } from '@/components/forms/upload-field';
import { completeAttachmentUploadAction } from '@/lib/modules/publications/actions/complete-attachment-upload';
import { removeAttachmentAction } from '@/lib/modules/publications/actions/remove-attachment';
import { requestAttachmentUploadAction } from '@/lib/modules/publications/actions/request-attachment-upload';
import { MAX_ATTACHMENTS, NOTICE_ATTACHMENT_SLOT } from '@/lib/modules/publications/notice-fields';
import type { AttachmentSummary } from '@/lib/modules/publications/schemas';
import { acceptOf, formatBytes } from '@/lib/platform/documents/slots';

type Progress = { key: number; name: string; percent: number; phase: 'uploading' | 'checking' };

/**
 * A saved notice's attachments: each chosen file goes by presigned PUT with a
 * progress bar, then the server checks its real content before adding it to
 * the notice; a refusal shows the server's message. Removal asks first.
 */
export function NoticeAttachments({ noticeId, initial, onChange }: { noticeId: string; initial: AttachmentSummary[]; onChange?: () => void }) {
  const t = useTranslations('publications.attachments');
  const tActions = useTranslations('publications.actions');
  const inputRef = React.useRef<HTMLInputElement>(null);
  const counter = React.useRef(0);
  const [items, setItems] = React.useState<AttachmentSummary[]>(initial);
  const [progress, setProgress] = React.useState<Progress[]>([]);
  const [error, setError] = React.useState<string | null>(null);
  const [notice, setNotice] = React.useState<string | null>(null);

  const slot = NOTICE_ATTACHMENT_SLOT;
  const types = slot.types.map((k) => k.toUpperCase()).join('/');
  const full = items.length >= MAX_ATTACHMENTS;
  const update = (key: number, patch: Partial<Progress>) => setProgress((ps) => ps.map((p) => (p.key === key ? { ...p, ...patch } : p)));

  async function uploadOne(file: File): Promise<AttachmentSummary | null> {
    const key = ++counter.current;
    setProgress((ps) => [...ps, { key, name: file.name, percent: 0, phase: 'uploading' }]);
    try {
      const grant = await requestAttachmentUploadAction({ id: noticeId, fileName: file.name, size: file.size, contentType: file.type });
      if (!grant.ok) {
        setError(grant.message);
        return null;
      }
      try {
        await putWithProgress(grant.data.url, grant.data.headers, file, (percent) => update(key, { percent }));
      } catch {
        setError(t('network'));
        return null;
      }
      update(key, { percent: 100, phase: 'checking' });
      const done = await completeAttachmentUploadAction({ ticket: grant.data.ticket });
      if (!done.ok) {
        setError(done.message);
        return null;
      }
      return done.data;
    } finally {
      setProgress((ps) => ps.filter((p) => p.key !== key));
    }
  }

  async function onFiles(list: FileList | null) {
    const files = Array.from(list ?? []);
    if (!files.length) return;
    setError(null);
    setNotice(null);
    // One at a time, in order: each gets its own bar and its own place in the list.
    for (const f of files) {
      const added = await uploadOne(f);
      if (!added) break;
      setItems((xs) => [...xs.filter((x) => x.index !== added.index), added].sort((a, b) => a.index - b.index));
      setNotice(t('uploaded', { name: added.name }));
      onChange?.();
    }
  }

  async function remove(a: AttachmentSummary) {
    setError(null);
    setNotice(null);
    const r = await removeAttachmentAction({ id: noticeId, index: a.index, name: a.name });
    if (!r.ok) {
      setError(r.message);
      return;
    }
    setItems(r.data);
    setNotice(t('removed', { name: a.name }));
    onChange?.();
  }

  return (
    <section className="flex flex-col gap-2" aria-labelledby="notice-attachments-title" data-testid="notice-attachments">
      <div className="flex flex-wrap items-baseline gap-2">
        <h2 id="notice-attachments-title" className="text-sm font-medium text-slate-700">
          {t('label')}
        </h2>
        <span className="text-xs text-muted-foreground">{t('allowed', { types, max: formatBytes(slot.maxBytes), count: MAX_ATTACHMENTS })}</span>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <input
          ref={inputRef}
          type="file"
          className="sr-only"
          tabIndex={-1}
          multiple
          accept={acceptOf(slot.types)}
          aria-label={t('inputLabel')}
          onChange={(e) => {
            void onFiles(e.target.files);
            e.target.value = '';
          }}
        />
        <Button type="button" variant="outline" size="sm" disabled={full || progress.length > 0} onClick={() => inputRef.current?.click()}>
          <Upload className="h-4 w-4" aria-hidden />
          {t('choose')}
        </Button>
        {full && <span className="text-xs text-muted-foreground">{t('full', { count: MAX_ATTACHMENTS })}</span>}
      </div>

      {progress.length > 0 && (
        <div className="flex flex-col gap-2" aria-live="polite">
          {progress.map((p) => (
            <ProgressBar key={p.key} percent={p.percent} label={t('uploading', { name: p.name })} note={p.phase === 'checking' ? t('checking') : undefined} />
          ))}
        </div>
      )}
      {error && (
        <p role="alert" className="text-sm text-danger" data-testid="attachment-error">
          {error}
        </p>
      )}
      {notice && !error && (
        <p role="status" className="text-sm text-green-700">
          {notice}
        </p>
      )}

      {items.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t('none')}</p>
      ) : (
        <ul aria-label={t('listLabel')} className="flex flex-col divide-y divide-border rounded-md border border-border" data-testid="attachment-list">
          {items.map((a) => (
            <li key={`${a.index}-${a.name}`} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm">
              <FileText className="h-4 w-4 shrink-0 text-muted-foreground" aria-hidden />
              <a href={a.href} className="min-w-0 max-w-full truncate font-medium text-primary hover:underline">
                {a.name}
              </a>
              <span className="text-xs text-muted-foreground">{formatBytes(a.size)}</span>
              <span className="ml-auto flex gap-1">
                <Button asChild variant="ghost" size="sm">
                  <a href={a.href} aria-label={`${t('download')} ${a.name}`}>
                    <Download className="h-4 w-4" aria-hidden />
                    {t('download')}
                  </a>
                </Button>
                <ConfirmDialog
                  trigger={
                    <Button type="button" variant="ghost" size="sm" aria-label={t('removeNamed', { name: a.name })}>
                      <Trash2 className="h-4 w-4" aria-hidden />
                      {t('remove')}
                    </Button>
                  }
                  title={t('removeTitle', { name: a.name })}
                  description={t('removeBody')}
                  confirmLabel={t('remove')}
                  cancelLabel={tActions('cancel')}
                  onConfirm={() => remove(a)}
                />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
