'use client';
import * as React from 'react';
import { useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { Download, FileText, Smartphone, Trash2, Upload } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { completeUploadAction } from '@/lib/platform/documents/actions/complete-upload';
import { deleteDocumentAction } from '@/lib/platform/documents/actions/delete-document';
import { listSlotDocumentsAction } from '@/lib/platform/documents/actions/list-slot-documents';
import { requestUploadAction } from '@/lib/platform/documents/actions/request-upload';
import type { DocumentSummary } from '@/lib/platform/documents/schemas';
import { acceptOf, formatBytes, type ShownSlot } from '@/lib/platform/documents/slots';
import { cn } from '@/lib/utils';
import { PhoneUploadDialog } from './phone-upload-dialog';
import { ProgressBar } from './progress-bar';

/**
 * One document slot: allowed types and limit, a picker and a drop zone, a real
 * progress bar (XMLHttpRequest PUT straight to storage), the server's refusal
 * next to the field, and the slot's files with download, replace and delete.
 * Uploads run in the background: the rest of the page stays usable.
 */
export type UploadFieldProps = {
  /** Its label and help already translated (shownSlot on the server). */
  slot: ShownSlot;
  applicationId?: string | null;
  /** The slot's files as the page loaded them (avoids a flash); refreshed after every change. */
  initialDocuments?: DocumentSummary[];
  /** Whether the owner may still delete (the server decides regardless). */
  canDelete?: boolean;
  /** Offer 用手机上传 (QR code). */
  phone?: boolean;
  /** Told the slot's files after every change (upload, phone upload, delete), e.g. to use the new file in a form. */
  onDocumentsChange?: (docs: DocumentSummary[]) => void;
  /**
   * Show only these files of the slot (a form that splits one multi-file slot
   * among several owners, e.g. per person, and records which file is whose).
   */
  only?: readonly string[];
  /** Told each file this field uploaded (with the file it replaced), before the list refreshes. */
  onUploaded?: (doc: DocumentSummary, replacedId: string | null) => void;
  id?: string;
  className?: string;
};

type Progress = { key: number; name: string; percent: number; phase: 'uploading' | 'checking' };

/** PUTs the file to the presigned URL, reporting progress; rejects on a network error or a non-2xx answer. */
export function putWithProgress(url: string, headers: Record<string, string>, file: Blob, onProgress: (percent: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => (xhr.status >= 200 && xhr.status < 300 ? resolve() : reject(new Error(`PUT ${xhr.status}`)));
    xhr.onerror = () => reject(new Error('network'));
    xhr.onabort = () => reject(new Error('aborted'));
    xhr.send(file);
  });
}

export function UploadField({ slot, applicationId = null, initialDocuments = [], canDelete = true, phone = true, onDocumentsChange, only, onUploaded, id, className }: UploadFieldProps) {
  const t = useTranslations('documents.upload');
  const tErr = useTranslations('documents.errors');
  const tPhone = useTranslations('documents.phone');
  const format = useFormatter();
  const router = useRouter();
  const autoId = React.useId();
  const fieldId = id ?? `upload-${slot.key}-${autoId.replace(/:/g, '')}`;
  const inputRef = React.useRef<HTMLInputElement>(null);
  const replaceTarget = React.useRef<string | null>(null);
  const counter = React.useRef(0);

  const [docs, setDocs] = React.useState<DocumentSummary[]>(initialDocuments);
  const [progress, setProgress] = React.useState<Progress[]>([]);
  const [error, setError] = React.useState<string | null>(null);
  const [notice, setNotice] = React.useState<string | null>(null);
  const [dragging, setDragging] = React.useState(false);

  const label = slot.label;
  const help = slot.help ?? null;
  const types = slot.types.map((k) => k.toUpperCase()).join('/');
  const current = docs.filter((d) => d.status === 'current' && (!only || only.includes(d.id)));
  // The slot's history is everyone's: not shown when the field shows a subset.
  const earlier = only ? [] : docs.filter((d) => d.status === 'replaced');
  const busy = progress.length > 0;

  const refresh = React.useCallback(async () => {
    const r = await listSlotDocumentsAction({ applicationId, slot: slot.key });
    if (r.ok) {
      setDocs(r.data);
      onDocumentsChange?.(r.data);
    }
    // Server-rendered lists elsewhere on the page (e.g. 我的文件) follow.
    router.refresh();
  }, [applicationId, slot.key, router, onDocumentsChange]);

  const update = (key: number, patch: Partial<Progress>) => setProgress((ps) => ps.map((p) => (p.key === key ? { ...p, ...patch } : p)));

  async function uploadOne(file: File, replaceId: string | null): Promise<boolean> {
    const key = ++counter.current;
    setProgress((ps) => [...ps, { key, name: file.name, percent: 0, phase: 'uploading' }]);
    try {
      const grant = await requestUploadAction({ applicationId, slot: slot.key, fileName: file.name, size: file.size, contentType: file.type, replaceId });
      if (!grant.ok) {
        setError(grant.message);
        return false;
      }
      try {
        await putWithProgress(grant.data.url, grant.data.headers, file, (percent) => update(key, { percent }));
      } catch {
        setError(tErr('network'));
        return false;
      }
      update(key, { percent: 100, phase: 'checking' });
      const done = await completeUploadAction({ ticket: grant.data.ticket });
      if (!done.ok) {
        setError(done.message);
        return false;
      }
      setNotice(t('uploaded', { name: done.data.fileName }));
      onUploaded?.(done.data, replaceId);
      return true;
    } finally {
      setProgress((ps) => ps.filter((p) => p.key !== key));
    }
  }

  async function onFiles(list: FileList | File[] | null) {
    const files = Array.from(list ?? []);
    if (!files.length) return;
    const replaceId = replaceTarget.current;
    replaceTarget.current = null;
    setError(null);
    setNotice(null);
    // One at a time: each gets its own bar, and a single-file slot keeps only the last.
    const chosen = slot.multiple && !replaceId ? files : files.slice(0, 1);
    let changed = false;
    for (const f of chosen) changed = (await uploadOne(f, replaceId)) || changed;
    if (changed) await refresh();
  }

  function pick(replaceId: string | null) {
    replaceTarget.current = replaceId;
    if (inputRef.current) {
      inputRef.current.value = '';
      inputRef.current.click();
    }
  }

  async function remove(doc: DocumentSummary) {
    setError(null);
    setNotice(null);
    const r = await deleteDocumentAction({ id: doc.id });
    if (!r.ok) setError(r.message);
    else setNotice(t('deleted', { name: doc.fileName }));
    await refresh();
  }

  const errorId = `${fieldId}-error`;
  const hintId = `${fieldId}-hint`;
  const helpId = `${fieldId}-help`;
  return (
    <div className={cn('flex flex-col gap-2', className)} data-testid={`upload-field-${slot.key}`}>
      <div className="flex flex-wrap items-baseline gap-2">
        <span id={`${fieldId}-label`} className={cn('text-sm font-medium text-slate-700', slot.required && "before:mr-0.5 before:text-danger before:content-['*']")}>
          {label}
        </span>
        <span id={hintId} className="text-xs text-muted-foreground">
          {t('allowed', { types, max: formatBytes(slot.maxBytes) })}
        </span>
      </div>
      {help && (
        <p id={helpId} className="text-xs text-danger" data-testid={`${slot.key}-help`}>
          {help}
        </p>
      )}

      <div
        role="group"
        aria-label={t('dropZone', { label })}
        aria-describedby={[hintId, help ? helpId : null, error ? errorId : null].filter(Boolean).join(' ')}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void onFiles(e.dataTransfer.files);
        }}
        className={cn(
          'flex flex-wrap items-center gap-3 rounded-md border border-dashed px-4 py-3 transition-colors',
          dragging ? 'border-primary bg-primary-soft' : 'border-border bg-white',
          error && 'border-danger',
        )}
      >
        <input
          ref={inputRef}
          id={fieldId}
          type="file"
          className="sr-only"
          tabIndex={-1}
          accept={acceptOf(slot.types)}
          multiple={Boolean(slot.multiple)}
          aria-label={t('inputLabel', { label })}
          onChange={(e) => void onFiles(e.target.files)}
        />
        <Button type="button" variant="outline" size="sm" onClick={() => pick(null)}>
          <Upload className="h-4 w-4" aria-hidden />
          {current.length && !slot.multiple ? t('replace') : current.length ? t('chooseAnother') : t('choose')}
        </Button>
        {phone && (
          <PhoneUploadDialog
            slot={slot}
            applicationId={applicationId}
            onReceived={(message) => {
              setError(null);
              setNotice(message);
              void refresh();
            }}
            trigger={
              <Button type="button" variant="outline" size="sm">
                <Smartphone className="h-4 w-4" aria-hidden />
                {tPhone('button')}
              </Button>
            }
          />
        )}
        <span className="text-xs text-muted-foreground">{dragging ? t('dropActive') : t('drop')}</span>
      </div>

      {busy && (
        <div className="flex flex-col gap-2" aria-live="polite">
          {progress.map((p) => (
            <ProgressBar key={p.key} percent={p.percent} label={t('uploading', { name: p.name })} note={p.phase === 'checking' ? t('checking') : undefined} />
          ))}
        </div>
      )}

      {error && (
        <p id={errorId} role="alert" className="text-sm text-danger" data-testid={`${slot.key}-upload-error`}>
          {error}
        </p>
      )}
      {notice && !error && (
        <p role="status" className="text-sm text-green-700">
          {notice}
        </p>
      )}

      {current.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t('none')}</p>
      ) : (
        <ul aria-label={t('listLabel', { label })} className="flex flex-col divide-y divide-border rounded-md border border-border" data-testid={`${slot.key}-documents`}>
          {current.map((d) => (
            <li key={d.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm">
              <FileText className="h-4 w-4 shrink-0 text-muted-foreground" aria-hidden />
              <a href={d.href} className="min-w-0 max-w-full truncate font-medium text-primary hover:underline" download>
                {d.fileName}
              </a>
              <span className="text-xs text-muted-foreground">
                {formatBytes(d.size)} · {t('version', { version: d.version })} · {format.dateTime(new Date(d.createdAt), 'datetime')}
              </span>
              {d.source === 'phone' && <Badge tone="primary">{t('fromPhone')}</Badge>}
              <span className="ml-auto flex gap-1">
                <Button asChild variant="ghost" size="sm">
                  <a href={d.href} aria-label={`${t('download')} ${d.fileName}`}>
                    <Download className="h-4 w-4" aria-hidden />
                    {t('download')}
                  </a>
                </Button>
                <Button type="button" variant="ghost" size="sm" onClick={() => pick(d.id)} aria-label={t('replaceNamed', { name: d.fileName })}>
                  {t('replace')}
                </Button>
                {canDelete && (
                  <ConfirmDialog
                    trigger={
                      <Button type="button" variant="ghost" size="sm" aria-label={t('deleteNamed', { name: d.fileName })}>
                        <Trash2 className="h-4 w-4" aria-hidden />
                        {t('delete')}
                      </Button>
                    }
                    title={t('deleteTitle')}
                    description={t('deleteConfirm', { name: d.fileName })}
                    confirmLabel={t('delete')}
                    cancelLabel={t('cancel')}
                    onConfirm={() => remove(d)}
                  />
                )}
              </span>
            </li>
          ))}
        </ul>
      )}

      {earlier.length > 0 && (
        <details className="text-sm">
          <summary className="cursor-pointer text-muted-foreground">{t('history', { count: earlier.length })}</summary>
          <ul className="mt-1 flex flex-col gap-1 pl-4">
            {earlier.map((d) => (
              <li key={d.id} className="flex flex-wrap items-center gap-2">
                <a href={d.href} className="text-primary hover:underline">
                  {d.fileName}
                </a>
                <span className="text-xs text-muted-foreground">
                  {t('version', { version: d.version })} · {t('replaced')} · {format.dateTime(new Date(d.createdAt), 'datetime')}
                </span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
