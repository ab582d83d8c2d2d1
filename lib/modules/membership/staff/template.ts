import ExcelJS from 'exceljs';
import type { DbOrTx } from '@/db';
import type { Actor } from '@/lib/platform/auth/actor';
import { requireEnterprise } from './access';
import { enrollableCourses, remainingOf } from './courses';
import { EDUCATION_WORDS, ENROLLMENT_COLUMNS, GENDER_WORDS, GRADE_WORDS, ID_TYPE_WORDS, REQUIRED_COLUMNS, SAMPLE_MARK, type EnrollmentColumn } from './enrollment-rows';
import { ENROLLMENT_MAX_ROWS } from './schemas';
import { beijingDateTime } from './time';

/**
 * The batch-enrollment template (报名表模板), generated per download so its
 * course list is today's: sheet 1 「报名表」 (the only sheet read back) with a
 * header (* = required), a sample row marked 【示例】 that the import skips,
 * text-formatted ID and date columns, and drop-down lists (ID type, gender,
 * education, grade, course code); sheet 2 「填写说明」 explains each column,
 * sheet 3 「可报名课程」 lists the courses open now; a hidden sheet holds the lists. The file is Chinese
 * whatever the UI language, like the import it feeds.
 */
const DATA_SHEET = '报名表';
const LISTS_SHEET = 'lists';

const NOTES: Record<EnrollmentColumn, string> = {
  姓名: '技术人员姓名，与证件一致。',
  证件类型: `从下拉列表选择：${ID_TYPE_WORDS.join('、')}。`,
  证件号码: '居民身份证须为18位有效号码（含校验位，末位X大写或小写均可）。请保持该列为“文本”格式。',
  性别: '男 / 女。居民身份证可不填（从号码读取，填写时须一致）；其他证件必填。',
  出生日期: '格式 YYYY-MM-DD，如 1985-06-15。居民身份证可不填（从号码读取）；其他证件必填。',
  学历: `选填，从下拉列表选择：${EDUCATION_WORDS.join('、')}。`,
  职称: '选填，如：工程师、高级工程师。',
  岗位: '选填，如：项目负责人、技术负责人。',
  技术等级: `从下拉列表选择：${Object.values(GRADE_WORDS).join('、')}。须与本单位技术人员名单中的等级一致。`,
  课程编号: '从下拉列表选择要报名的课程（见下方“可报名课程”）。一人报名多门课程请填写多行；同一人员不能重复报名同一课程。',
};

const SAMPLE: Record<EnrollmentColumn, string> = {
  姓名: `${SAMPLE_MARK}张三`,
  证件类型: '居民身份证',
  证件号码: '11010519491231002X',
  性别: '女',
  出生日期: '1949-12-31',
  学历: '大学本科',
  职称: '工程师',
  岗位: '技术负责人',
  技术等级: '中级',
  课程编号: '',
};

const col = (c: EnrollmentColumn) => ENROLLMENT_COLUMNS.indexOf(c) + 1;
const letter = (c: EnrollmentColumn) => String.fromCharCode(64 + col(c));

export async function enrollmentTemplate(db: DbOrTx, actor: Actor, now: Date): Promise<Buffer> {
  requireEnterprise(actor);
  const courses = await enrollableCourses(db, now);
  const wb = new ExcelJS.Workbook();
  wb.created = now;
  wb.title = '技术人员培训批量报名表';

  // --- Sheet 1: the data (read back by the import).
  const ws = wb.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = ENROLLMENT_COLUMNS.map((c) => ({
    header: REQUIRED_COLUMNS.includes(c) ? `${c}*` : c,
    key: c,
    width: c === '证件号码' ? 24 : c === '证件类型' ? 26 : c === '课程编号' ? 16 : c === '出生日期' || c === '学历' ? 14 : 12,
    // Text, so Excel keeps 18-digit numbers and dates as typed.
    style: c === '证件号码' || c === '出生日期' || c === '课程编号' ? { numFmt: '@' } : {},
  }));
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.alignment = { vertical: 'middle', horizontal: 'center' };
  head.height = 22;
  ENROLLMENT_COLUMNS.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: REQUIRED_COLUMNS.includes(c) ? 'FFFDE2E2' : 'FFE8EEF7' } };
    cell.note = NOTES[c];
  });
  const sample = ws.addRow({ ...SAMPLE, 课程编号: courses[0]?.code ?? '' });
  sample.font = { italic: true, color: { argb: 'FF8A8A8A' } };
  for (let i = 1; i <= ENROLLMENT_COLUMNS.length; i++) sample.getCell(i).numFmt = '@';

  // --- Sheet 2: how to fill it in.
  const notes = wb.addWorksheet('填写说明');
  notes.columns = [
    { header: '列名', key: 'column', width: 14 },
    { header: '是否必填', key: 'required', width: 10 },
    { header: '填写说明', key: 'note', width: 90 },
  ];
  notes.getRow(1).font = { bold: true };
  for (const c of ENROLLMENT_COLUMNS) notes.addRow({ column: c, required: REQUIRED_COLUMNS.includes(c) ? '必填' : '选填', note: NOTES[c] }).alignment = { wrapText: true, vertical: 'top' };
  notes.addRow([]);
  notes.addRow([`说明：“${DATA_SHEET}”第2行为填写示例（姓名以${SAMPLE_MARK}开头），导入时自动忽略，可直接覆盖或删除。每行为一名人员报名一门课程，一次最多 ${ENROLLMENT_MAX_ROWS} 行。`]);
  notes.addRow(['尚未列入本单位技术人员名单的人员，导入时将自动加入名单；已在名单中的人员，姓名、技术等级等须与名单一致。']);
  notes.addRow(['可报名的课程见“可报名课程”工作表。']);

  // --- Sheet 3: the courses taking enrollments now.
  const open = wb.addWorksheet('可报名课程');
  open.columns = [
    { header: '课程编号', key: 'code', width: 16 },
    { header: '课程名称', key: 'name', width: 36 },
    { header: '培训日期', key: 'dates', width: 26 },
    { header: '培训地点', key: 'location', width: 30 },
    { header: '报名截止', key: 'closes', width: 18 },
    { header: '剩余名额', key: 'remaining', width: 10 },
  ];
  open.getRow(1).font = { bold: true };
  if (!courses.length) open.addRow({ code: '（当前没有可报名的课程）' });
  for (const c of courses) {
    const remaining = remainingOf(c);
    open.addRow({ code: c.code, name: c.name, dates: `${c.startsOn} 至 ${c.endsOn}`, location: c.location, closes: beijingDateTime(c.enrollClosesAt), remaining: remaining === null ? '不限' : String(remaining) });
  }

  // --- The lists behind the drop-downs (hidden, last).
  const lists = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  const listColumns: Array<[string, string[]]> = [
    ['证件类型', ID_TYPE_WORDS],
    ['性别', Object.values(GENDER_WORDS)],
    ['技术等级', Object.values(GRADE_WORDS)],
    ['学历', EDUCATION_WORDS],
    ['课程编号', courses.map((c) => c.code)],
  ];
  listColumns.forEach(([title, values], i) => {
    lists.getCell(1, i + 1).value = title;
    values.forEach((v, j) => (lists.getCell(j + 2, i + 1).value = v));
  });
  const lastRow = ENROLLMENT_MAX_ROWS + 1;
  const validations = (ws as unknown as { dataValidations: { add: (range: string, v: Record<string, unknown>) => void } }).dataValidations;
  listColumns.forEach(([title, values], i) => {
    if (!values.length) return;
    const L = String.fromCharCode(65 + i);
    validations.add(`${letter(title as EnrollmentColumn)}2:${letter(title as EnrollmentColumn)}${lastRow}`, {
      type: 'list',
      allowBlank: true,
      formulae: [`${LISTS_SHEET}!$${L}$2:$${L}$${values.length + 1}`],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: '输入有误',
      error: `请从下拉列表中选择${title}`,
    });
  });

  return Buffer.from(await wb.xlsx.writeBuffer());
}
