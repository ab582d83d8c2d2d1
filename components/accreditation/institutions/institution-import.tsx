'use client';
import { useTranslations } from 'next-intl';
import { csvTemplateHref, SpreadsheetImport } from '@/components/forms/spreadsheet-import';
import { importInstitutionsAction } from '@/lib/modules/accreditation/institutions/actions/import-institutions';
import { INSTITUTION_COLUMNS, INSTITUTION_IMPORT_MAX_BYTES } from '@/lib/modules/accreditation/institutions/schemas';

const TEMPLATE = csvTemplateHref(INSTITUTION_COLUMNS, [['CNAS L0001', '示例检测技术有限公司', 'lab@example.com']]);

/** Staff upload of the registry: a file, a busy state, then the counts or every row error (nothing imported). */
export function InstitutionImport() {
  const t = useTranslations('accreditedInstitutions.import');
  return (
    <SpreadsheetImport
      id="institution"
      namespace="accreditedInstitutions.import"
      columns={INSTITUTION_COLUMNS}
      templateHref={TEMPLATE}
      maxBytes={INSTITUTION_IMPORT_MAX_BYTES}
      action={importInstitutionsAction}
      doneMessage={(r) => t('done', { created: r.created, updated: r.updated, unchanged: r.unchanged, accounts: r.accountsCreated })}
    />
  );
}
