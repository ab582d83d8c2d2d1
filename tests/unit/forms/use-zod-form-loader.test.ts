import { describe, expect, it, vi } from 'vitest';
import { createFormControl, type FieldErrors, type FieldValues } from 'react-hook-form';
import { zodFormValidation } from '@/components/forms/use-zod-form';
import { registrationInfoSchema, type RegistrationInfoInput } from '@/lib/modules/exam/registration/schemas';

/**
 * Issue #17 (light pages): useZodForm takes a schema loader so that zod stays
 * out of a page's first load. react-hook-form runs here without React
 * (createFormControl is what useForm wraps) with the resolver useZodForm
 * builds, once from the schema and once from a loader.
 */

type Info = RegistrationInfoInput;
const INVALID: Info = {
  nationality: '',
  ethnicity: '',
  residenceRegion: '330000',
  education: '',
  employer: '',
  mobile: '1380013800',
  email: 'not-an-email',
  address: '  ',
  invoice: { type: 'enterprise', title: '', taxNumber: '91330106MA27XFXX1Y' },
};
const VALID: Info = { ...INVALID, nationality: 'CN', ethnicity: '01', residenceRegion: '330106', education: '21', mobile: '13800138000', email: 'a@example.com', address: '杭州市西湖区文三路 1 号', invoice: { type: 'none' } };

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A form as useZodForm makes it (mode 'onTouched'), with a focusable stand-in element per field. */
function makeForm(source: Parameters<typeof zodFormValidation<typeof registrationInfoSchema>>[0], locale = 'zh-CN') {
  const { resolver, preload } = zodFormValidation(source);
  const form = createFormControl<Info, unknown, FieldValues>({ mode: 'onTouched', defaultValues: INVALID, resolver: resolver(locale) as never });
  const focused: string[] = [];
  for (const name of ['nationality', 'ethnicity', 'residenceRegion', 'education', 'employer', 'mobile', 'email', 'address', 'invoice.type', 'invoice.title', 'invoice.taxNumber'] as const) {
    form.register(name).ref({ name, value: '', focus: () => focused.push(name) } as never);
  }
  return { form, preload, focused };
}

/** The error messages by field path (the parts a form shows). */
function messages(errors: FieldErrors, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(errors)) {
    if (!v || typeof v !== 'object') continue;
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof (v as { message?: unknown }).message === 'string') out[path] = (v as { message: string }).message;
    else Object.assign(out, messages(v as FieldErrors, path));
  }
  return out;
}

async function submitErrors(form: ReturnType<typeof makeForm>['form']) {
  let valid = false;
  await form.handleSubmit(() => {
    valid = true;
  })();
  return { valid, errors: messages(form.control._formState.errors) };
}

describe('useZodForm with a schema loader', () => {
  it('does not load the schema until the form validates; the first validation waits for it and reports what the static form reports', async () => {
    const gate = deferred<typeof registrationInfoSchema>();
    const loader = vi.fn(() => gate.promise);
    const lazy = makeForm(loader);
    expect(loader).not.toHaveBeenCalled();

    let settled = false;
    const submitted = submitErrors(lazy.form).then((r) => ((settled = true), r));
    await new Promise((r) => setTimeout(r, 20));
    expect(loader).toHaveBeenCalledTimes(1);
    expect(settled).toBe(false);
    expect(lazy.focused).toEqual([]);

    gate.resolve(registrationInfoSchema);
    const lazyResult = await submitted;
    const staticForm = makeForm(registrationInfoSchema);
    const staticResult = await submitErrors(staticForm.form);

    expect(lazyResult.valid).toBe(false);
    expect(lazyResult.errors).toEqual(staticResult.errors);
    expect(lazyResult.errors).toMatchObject({ nationality: '请选择国籍/地区', residenceRegion: '请选择到市或区县', mobile: expect.stringContaining('手机号'), email: '请输入有效的电子邮箱', address: '请输入通讯地址', 'invoice.title': '请输入发票抬头（单位名称）' });
    // The first invalid field takes the focus, as with the static schema.
    expect(lazy.focused).toEqual(['nationality']);
    expect(staticForm.focused).toEqual(['nationality']);
  });

  it('translates the messages on English pages exactly as the static path does', async () => {
    const lazy = makeForm(() => Promise.resolve(registrationInfoSchema), 'en');
    const staticForm = makeForm(registrationInfoSchema, 'en');
    const [a, b] = [await submitErrors(lazy.form), await submitErrors(staticForm.form)];
    expect(a.errors).toEqual(b.errors);
    expect(a.errors.email).toBe('Enter a valid email address');
    for (const m of Object.values(a.errors)) expect(m).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it('validates one field on blur (mode onTouched) and passes valid values, transformed, to the submit handler', async () => {
    const loader = vi.fn(() => Promise.resolve(registrationInfoSchema));
    const { form } = makeForm(loader);
    await form.trigger('email');
    expect(messages(form.control._formState.errors)).toEqual({ email: '请输入有效的电子邮箱' });

    form.reset({ ...VALID, invoice: { type: 'enterprise', title: ' 某公司 ', taxNumber: '91330106MA2H1E6U3X' } } as Info);
    expect((await submitErrors(form)).errors).toEqual({ 'invoice.taxNumber': '18位纳税人识别号即统一社会信用代码，其校验位不正确，请核对' });

    form.reset({ ...VALID, invoice: { type: 'enterprise', title: ' 某公司 ', taxNumber: '91330106ma2h1e6u3f' } } as Info);
    let submitted: unknown;
    await form.handleSubmit((v) => {
      submitted = v;
    })();
    // The schema's output: trimmed title, upper-cased tax number.
    expect(submitted).toMatchObject({ mobile: '13800138000', invoice: { type: 'enterprise', title: '某公司', taxNumber: '91330106MA2H1E6U3F' } });
    expect(loader).toHaveBeenCalledTimes(1);
  });

  it('preload fetches once; after a failed fetch the next validation fetches again', async () => {
    let calls = 0;
    const loader = vi.fn(() => (++calls === 1 ? Promise.reject(new Error('offline')) : Promise.resolve(registrationInfoSchema)));
    const { form, preload } = makeForm(loader);
    preload();
    await new Promise((r) => setTimeout(r, 0));
    expect(loader).toHaveBeenCalledTimes(1);
    const r = await submitErrors(form);
    expect(r.errors.nationality).toBe('请选择国籍/地区');
    expect(loader).toHaveBeenCalledTimes(2);
    preload();
    await form.trigger();
    expect(loader).toHaveBeenCalledTimes(2);
  });
});
