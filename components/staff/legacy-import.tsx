'use client';
import { useTranslations } from 'next-intl';
import { csvTemplateHref, SpreadsheetImport } from '@/components/forms/spreadsheet-import';
import { importLegacyAction } from '@/lib/modules/account/actions/import-legacy';
import { LEGACY_COLUMNS, LEGACY_IMPORT_MAX_BYTES } from '@/lib/modules/account/legacy-schemas';

const TEMPLATE = csvTemplateHref(LEGACY_COLUMNS);

/** Staff upload of old-system accounts: a file, a busy state, then the count or the row errors. */
export function LegacyImport() {
  const t = useTranslations('legacy.import');
  return (
    <SpreadsheetImport
      id="legacy"
      namespace="legacy.import"
      columns={LEGACY_COLUMNS}
      templateHref={TEMPLATE}
      maxBytes={LEGACY_IMPORT_MAX_BYTES}
      action={importLegacyAction}
      doneMessage={(r) => t('done', { count: r.imported })}
    />
  );
}
