import os from 'node:os';
import { fmtMs, stats, type BenchRow, type BenchScenario } from './run';

/**
 * Server-side PDF rendering (lib/platform/pdf): the first render in a fresh
 * process (module load, font registration and parsing the two Noto Sans SC
 * TrueType files, ~10 MB each), then N warm renders of a one-page Chinese
 * decision letter (letterhead, QR code, seal) and of a one-page application
 * form. Renders run one after another, as one request would.
 */
const N = Number(process.env.BENCH_N ?? 50);

const letter = {
  number: 'KY2026000123',
  title: '认可决定书',
  recipient: '杭州华测检测有限公司',
  paragraphs: [
    '你单位于2026年10月8日提交的实验室认可申请（申请编号：KY2026000123），经文件评审、现场评审及评定，符合《检测和校准实验室能力认可准则》（CNAS-CL01:2018，等同采用ISO/IEC 17025:2017）的要求。',
    '根据《中华人民共和国认证认可条例》和认可规则的有关规定，决定授予你单位实验室认可资格，认可有效期自2026年11月23日至2032年11月22日。请在有效期内持续符合认可要求，并按规定接受监督评审。',
    '如对本决定有异议，可在收到本决定书之日起30日内提出申诉。',
  ],
  date: new Date('2026-11-23T02:00:00Z'),
};

const form = {
  number: 'KY2026000123',
  title: '实验室认可预申请表',
  date: new Date('2026-11-23T02:00:00Z'),
  sections: [
    {
      title: '一、机构基本信息',
      fields: [
        { label: '机构名称', value: '杭州华测检测有限公司', wide: true },
        { label: '统一社会信用代码', value: '91330100MA2AXXXX1K' },
        { label: '法定代表人', value: '王小明' },
        { label: '所在地区', value: '浙江省杭州市西湖区' },
        { label: '邮政编码', value: '310000' },
        { label: '通讯地址', value: '浙江省杭州市西湖区文三路123号华测大厦5楼', wide: true },
        { label: '申请类型', value: ['实验室', '检验机构'] },
      ],
    },
    { title: '二、联系人', fields: [{ label: '联系人', value: '李四' }, { label: '手机', value: '13800138000' }, { label: '电子邮箱', value: 'lisi@example.cn' }] },
  ],
};

/** Wall time and this process's CPU time (user + system) of one call, in ms. CPU time barely moves when other processes load the machine; wall time does. */
async function timed<T>(fn: () => Promise<T>): Promise<[number, T, number]> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const v = await fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return [wall, v, (c.user + c.system) / 1000];
}

const scenario: BenchScenario = {
  title: 'PDF rendering (@react-pdf/renderer 4, Noto Sans SC subset)',
  async run() {
    const load = os.loadavg()[0];
    const [loadMs, { renderPdf }, loadCpu] = await timed(() => import('../lib/platform/pdf/registry'));
    const [coldMs, coldPdf, coldCpu] = await timed(() => renderPdf('decision-letter', letter));
    const one = (name: string, ms: number, cpu: number, bytes: number | '') => ({ case: name, n: 1, 'mean ms': fmtMs(ms), 'p50 ms': '', 'p95 ms': '', 'p99 ms': '', 'cpu ms (mean)': fmtMs(cpu), bytes });
    const rows: BenchRow[] = [
      one('module load (registry, react-pdf, fonts module)', loadMs, loadCpu, ''),
      one('decision-letter, first render (cold: font files parsed)', coldMs, coldCpu, coldPdf.byteLength),
    ];
    for (const [name, render] of [
      ['decision-letter, warm', () => renderPdf('decision-letter', letter)],
      ['application-form, warm', () => renderPdf('application-form', form)],
    ] as const) {
      await render(); // the first render of a template warms its own glyph subset and layout paths
      const ms: number[] = [];
      let cpu = 0;
      let bytes = 0;
      for (let i = 0; i < N; i++) {
        const [d, pdf, c] = await timed(render);
        ms.push(d);
        cpu += c;
        bytes = pdf.byteLength;
      }
      const s = stats(ms);
      rows.push({ case: name, n: s.n, 'mean ms': fmtMs(s.mean), 'p50 ms': fmtMs(s.p50), 'p95 ms': fmtMs(s.p95), 'p99 ms': fmtMs(s.p99), 'cpu ms (mean)': fmtMs(cpu / N), bytes });
    }
    const rss = Math.round(process.memoryUsage().rss / 2 ** 20);
    return { rows, notes: [`RSS after the runs: ${rss} MiB. Load average (1 min) at the start: ${load.toFixed(1)} on ${os.cpus().length} CPUs.`] };
  },
};

export default scenario;
